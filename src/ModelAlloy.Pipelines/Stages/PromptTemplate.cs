using System.Text;

namespace ModelAlloy.Pipelines.Stages;

/// <summary>Fills <c>{{name}}</c> placeholders; unknown placeholders stay as written so a typo is visible in the prompt.</summary>
internal static class PromptTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var output = new StringBuilder(template.Length);
        int position = 0;
        while (position < template.Length)
        {
            int open = template.IndexOf("{{", position, StringComparison.Ordinal);
            int close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                output.Append(template, position, template.Length - position);
                break;
            }

            output.Append(template, position, open - position);
            string name = template[(open + 2)..close].Trim();
            output.Append(values.TryGetValue(name, out string? value) ? value : template[open..(close + 2)]);
            position = close + 2;
        }

        return output.ToString();
    }
}
