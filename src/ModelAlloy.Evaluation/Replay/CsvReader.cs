using System.Text;

namespace ModelAlloy.Evaluation.Replay;

/// <summary>A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.</summary>
internal static class CsvReader
{
    /// <summary>Reads every record; each comes with the 1-based line it starts on.</summary>
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, any = false;
        int line = 1, start = 1;
        int c;
        while ((c = reader.Read()) != -1)
        {
            char ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return (start, fields.ToArray());
                    fields.Clear();
                    any = false;
                    line++;
                    start = line;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"line {start}: a quoted field is never closed; close it with a double quote");
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return (start, fields.ToArray());
        }
    }
}
