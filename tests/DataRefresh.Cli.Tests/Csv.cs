using System.Text;

namespace DataRefresh.Cli.Tests;

/// <summary>A strict RFC 4180 reader, independent of the writer under test: quoted fields, doubled quotes, CRLF records.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (quoted)
            {
                if (character != '"')
                {
                    field.Append(character);
                }
                else if (index + 1 < text.Length && text[index + 1] == '"')
                {
                    field.Append('"');
                    index++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (character == '"')
            {
                Assert.True(field.Length == 0, $"a quote inside an unquoted field at {index}");
                quoted = true;
            }
            else if (character == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (character == '\r')
            {
                Assert.True(index + 1 < text.Length && text[index + 1] == '\n', $"a bare CR at {index}");
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                index++;
            }
            else
            {
                Assert.NotEqual('\n', character);
                field.Append(character);
            }
        }

        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(field.Length == 0 && record.Count == 0, "the last record does not end with CRLF");
        return records;
    }
}
