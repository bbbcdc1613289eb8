using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Keeps the names and databases of one file's chain apart: a scheduler keys jobs by name, and two copies writing one
/// database, or a copy writing the database the chain starts from, would destroy each other's work.
/// </summary>
internal sealed class JobChainUniqueness
{
    private readonly Dictionary<string, JobDefinition> names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (SourceLocation At, string Role, string Conflict)> databases = new(StringComparer.OrdinalIgnoreCase);

    public JobChainUniqueness(JobDefinition root)
    {
        names[root.Name] = root;
        databases[root.Source] = (root.SourceAt, $"the source of '{root.Name}'", "a copy there would overwrite the data the chain starts from");
        AddTarget(root);
    }

    public void Add(JobDefinition copy)
    {
        if (names.TryGetValue(copy.Name, out var earlier))
        {
            throw new FileFormatException(copy.NameAt, $"the job name '{copy.Name}' is already used at {earlier.NameAt}; give this copy its own 'name'.");
        }

        if (string.Equals(copy.Target, copy.Source, StringComparison.OrdinalIgnoreCase))
        {
            throw new FileFormatException(copy.TargetAt, $"target '{copy.Target}' is the database this copy reads (the target of '{copy.Upstream}'); choose a different target.");
        }

        if (databases.TryGetValue(copy.Target, out var used))
        {
            throw new FileFormatException(copy.TargetAt, $"target '{copy.Target}' is already {used.Role} at {used.At}; {used.Conflict}, so choose another target.");
        }

        names[copy.Name] = copy;
        AddTarget(copy);
    }

    private void AddTarget(JobDefinition job) =>
        databases[job.Target] = (job.TargetAt, $"the target of '{job.Name}'", "two copies writing one database would fight");
}
