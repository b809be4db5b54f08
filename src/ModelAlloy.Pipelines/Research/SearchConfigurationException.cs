namespace ModelAlloy.Pipelines.Research;

/// <summary>A search backend that is not configured (or not known): a verdict, so the search activity does not retry it.</summary>
public sealed class SearchConfigurationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SearchConfigurationException"/> class.</summary>
    public SearchConfigurationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SearchConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public SearchConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SearchConfigurationException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public SearchConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
