namespace ModelAlloy.Testing.Azurite;

/// <summary>
/// xunit fixture that provides an Azure Storage account for tests: the connection string in
/// <see cref="ConnectionVariable"/> when set (a real account or an Azurite you run yourself), otherwise a private
/// Azurite started on free loopback ports in a temp folder and killed on dispose.
/// </summary>
/// <remarks>
/// Share one per test assembly (<c>[assembly: AssemblyFixture]</c> is not in xunit 2, so use an
/// <c>ICollectionFixture</c> or a class fixture); isolate tests by naming resources uniquely (a task hub per test).
/// </remarks>
public class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable that, when set, replaces the private Azurite with the given account.</summary>
    public const string ConnectionVariable = "MODELALLOY_STORAGE_CONNECTION";

    /// <summary>The storage connection string the tests use.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The private emulator, or null when <see cref="ConnectionVariable"/> supplied the account.</summary>
    public AzuriteProcess? Emulator { get; private set; }

    /// <summary>True when the account comes from <see cref="ConnectionVariable"/> (so it cannot be stopped or restarted).</summary>
    public bool IsExternal => Emulator is null;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        Emulator = await AzuriteProcess.StartNewAsync().ConfigureAwait(false);
        ConnectionString = Emulator.ConnectionString;
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
