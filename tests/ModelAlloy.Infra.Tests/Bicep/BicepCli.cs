using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ModelAlloy.Infra.Tests.Bicep;

/// <summary>
/// Runs the Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package (its path is set by the project
/// file) and compiles <c>infra/main.bicep</c> once per test run.
/// </summary>
public static class BicepCli
{
    private static readonly Lazy<Task<ArmTemplate>> MainTemplate = new(() => CompileAsync("main.bicep"));

    /// <summary>Gets the infra/ folder of the repository.</summary>
    public static string InfraDirectory => Setting("ModelAlloy.Infra.Tests.InfraDirectory");

    /// <summary>Returns main.bicep compiled to ARM JSON.</summary>
    public static Task<ArmTemplate> CompileMainAsync() => MainTemplate.Value;

    private static async Task<ArmTemplate> CompileAsync(string file)
    {
        string bicep = Setting("ModelAlloy.Infra.Tests.BicepPath");
        if (!File.Exists(bicep))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at '{bicep}'; restore tests/ModelAlloy.Infra.Tests (it downloads the package).");
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(bicep).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep, ["build", Path.Combine(InfraDirectory, file), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {file} failed ({process.ExitCode}):{Environment.NewLine}{await error.ConfigureAwait(false)}");
        }

        return new ArmTemplate(JsonNode.Parse(await output.ConfigureAwait(false))!.AsObject());
    }

    private static string Setting(string name) =>
        AppContext.GetData(name) as string ?? throw new InvalidOperationException($"{name} is not set; build through ModelAlloy.Infra.Tests.csproj.");
}
