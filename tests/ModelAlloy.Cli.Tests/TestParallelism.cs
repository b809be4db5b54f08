// Every test here starts a whole host (worker, sidecar, often a child process or Azurite); run in parallel on a small
// machine they starve Azurite's start past its deadline. One class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
