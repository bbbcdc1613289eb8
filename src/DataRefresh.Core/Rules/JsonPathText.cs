using System.Globalization;

namespace DataRefresh.Core.Rules;

/// <summary>
/// Parses the JSON paths the json mask accepts: <c>$</c> followed by <c>.name</c>, <c>['name']</c>, <c>[3]</c> or
/// <c>[*]</c> steps. Deliberately a small subset of JSONPath: no filters or recursive descent, so a path names exactly
/// the values it masks.
/// </summary>
public static class JsonPathText
{
    public static IReadOnlyList<JsonPathStep>? Parse(string path, out string? problem)
    {
        problem = null;
        if (!path.StartsWith('$'))
        {
            problem = "must start with '$'";
            return null;
        }

        var steps = new List<JsonPathStep>();
        var at = 1;
        while (at < path.Length)
        {
            if (path[at] == '.')
            {
                var end = at + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == at + 1)
                {
                    problem = $"has an empty name at character {at + 1}";
                    return null;
                }

                steps.Add(new JsonPathStep(path[(at + 1)..end], -1));
                at = end;
            }
            else if (path[at] == '[')
            {
                var close = path.IndexOf(']', at);
                if (close < 0)
                {
                    problem = $"has a '[' without ']' at character {at + 1}";
                    return null;
                }

                var inside = path[(at + 1)..close];
                if (inside == "*")
                {
                    steps.Add(new JsonPathStep(null, -1));
                }
                else if (inside.Length >= 2 && inside[0] == '\'' && inside[^1] == '\'')
                {
                    steps.Add(new JsonPathStep(inside[1..^1], -1));
                }
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new JsonPathStep(null, index));
                }
                else
                {
                    problem = $"has '[{inside}]', which is neither [*], [n] nor ['name']";
                    return null;
                }

                at = close + 1;
            }
            else
            {
                problem = $"has '{path[at]}' at character {at + 1} where '.' or '[' was expected";
                return null;
            }
        }

        if (steps.Count == 0)
        {
            problem = "names the whole document; mask the column itself instead";
            return null;
        }

        return steps;
    }
}
