namespace ModelAlloy.Durable.Testing.Conformance;

/// <summary>Bad input gets a clear error, never a hang or a silent drop.</summary>
public abstract class BadInputConformance(IBackendFactory factory) : ConformanceTest(factory)
{
    private static DurableTaskRegistry Tasks(DurableTaskRegistry r) => r
        .AddOrchestrator<int, int>("Done", (_, x) => Task.FromResult(x))
        .AddOrchestrator<int, int>("CallsMissing", (ctx, x) => ctx.CallActivityAsync<int>("NoSuchActivity", x))
        .AddOrchestrator<int, int>("CallsMissingChild", (ctx, x) => ctx.CallSubOrchestratorAsync<int>("NoSuchChild", x));

    [Fact]
    public async Task Unknown_orchestrator_fails_the_instance_naming_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("NoSuchOrchestrator", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("'NoSuchOrchestrator'", result.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_activity_fails_the_instance_naming_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("CallsMissing", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("'NoSuchActivity'", result.FailureDetails!.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_sub_orchestrator_fails_the_parent_naming_it()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("CallsMissingChild", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("'NoSuchChild'", result.FailureDetails!.InnerFailure!.ErrorMessage);
    }

    public static TheoryData<string> UnserializableInputs => ["cycle", "type", "pointer"];

    [Theory]
    [MemberData(nameof(UnserializableInputs))]
    public async Task Input_that_cannot_be_serialized_fails_the_start_naming_its_type(string kind)
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var node = new Node();
        node.Next = node;
        var (input, typeName) = kind switch
        {
            "cycle" => ((object)node, typeof(Node).FullName!),
            "type" => (new TypeHolder(typeof(string)), typeof(TypeHolder).FullName!),
            _ => (new PointerHolder(IntPtr.Zero), typeof(PointerHolder).FullName!),
        };

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Done", input));

        Assert.Equal(DurableErrorCodes.SerializationFailed, error.ErrorCode);
        Assert.Contains(typeName, error.Message);
        Assert.Empty((await host.Client.QueryInstancesAsync(new())).Instances);
    }

    [Fact]
    public async Task Raising_an_event_on_a_finished_instance_fails_with_a_clear_error()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = (await host.RunAsync("Done", 1)).InstanceId;

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.RaiseEventAsync(id, "late", "x"));

        Assert.Equal(DurableErrorCodes.InvalidInstanceState, error.ErrorCode);
        Assert.Contains("Completed", error.Message);
    }

    [Fact]
    public async Task Raising_an_event_on_an_unknown_id_fails_with_InstanceNotFound()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.RaiseEventAsync("nobody", "e"));

        Assert.Equal(DurableErrorCodes.InstanceNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Terminating_an_unknown_id_fails_with_InstanceNotFound()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.TerminateInstanceAsync("nobody"));

        Assert.Equal(DurableErrorCodes.InstanceNotFound, error.ErrorCode);
        Assert.Contains("'nobody'", error.Message);
    }

    [Fact]
    public async Task Suspending_a_finished_instance_fails_with_a_clear_error()
    {
        await using var host = await StartHostAsync(r => Tasks(r));
        var id = (await host.RunAsync("Done", 1)).InstanceId;

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.SuspendInstanceAsync(id));

        Assert.Equal(DurableErrorCodes.InvalidInstanceState, error.ErrorCode);
    }

    [Fact]
    public async Task Activity_input_that_cannot_be_serialized_fails_the_orchestration_naming_the_type()
    {
        await using var host = await StartHostAsync(r => Tasks(r)
            .AddOrchestrator<int, int>("SendsType", (ctx, _) => ctx.CallActivityAsync<int>("Anything", new TypeHolder(typeof(int)))));

        var result = await host.RunAsync("SendsType", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains(typeof(TypeHolder).FullName!, result.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Orchestrator_output_that_cannot_be_serialized_fails_the_instance_naming_the_type()
    {
        await using var host = await StartHostAsync(r => Tasks(r)
            .AddOrchestrator<int, TypeHolder>("ReturnsType", (_, _) => Task.FromResult(new TypeHolder(typeof(int)))));

        var result = await host.RunAsync("ReturnsType", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains(typeof(TypeHolder).FullName!, result.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Activity_output_that_cannot_be_serialized_fails_the_task_naming_the_type()
    {
        await using var host = await StartHostAsync(r => Tasks(r)
            .AddActivity<int, TypeHolder>("MakesType", _ => new TypeHolder(typeof(int)))
            .AddOrchestrator<int, string>("CallsMakesType", (ctx, x) => ctx.CallActivityAsync<string>("MakesType", x)));

        var result = await host.RunAsync("CallsMakesType", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains(typeof(TypeHolder).FullName!, result.FailureDetails!.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task Input_of_the_wrong_shape_fails_the_instance_naming_the_expected_type()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var result = await host.RunAsync("Done", "not a number");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("System.Int32", result.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Waiting_for_an_unknown_id_fails_with_InstanceNotFound()
    {
        await using var host = await StartHostAsync(r => Tasks(r));

        var error = await Assert.ThrowsAsync<DurableTaskException>(() => host.Client.WaitForInstanceCompletionAsync("nobody"));

        Assert.Equal(DurableErrorCodes.InstanceNotFound, error.ErrorCode);
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }

    public sealed record TypeHolder(Type Type);

    public sealed record PointerHolder(IntPtr Pointer);
}
