using System.CommandLine;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>--rules &lt;files…&gt; --env &lt;environment&gt;</c>, or <c>--job &lt;file&gt;</c> for the rules and source of a job
/// (with <c>--env</c> still able to point them at another environment, e.g. to check staging).
/// </summary>
internal sealed class RuleSourceOptions
{
    public Option<string[]> Rules { get; } = new("--rules")
    {
        Description = "Rule files, e.g. rules/crm.yaml (several may follow one --rules).",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Environment { get; } = new("--env")
    {
        Description = "Environment whose live schema the rules are matched against (read-only), e.g. prod.",
    };

    public Option<string?> Job { get; } = new("--job")
    {
        Description = "Take the rule files and the source environment from this job file instead.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Rules);
        command.Options.Add(Environment);
        command.Options.Add(Job);
        command.Validators.Add(result =>
        {
            var rules = result.GetValue(Rules) ?? [];
            var job = result.GetValue(Job);
            if (job is not null && rules.Length > 0)
            {
                result.AddError("Give either --job or --rules, not both.");
            }
            else if (job is null && (rules.Length == 0 || result.GetValue(Environment) is null))
            {
                result.AddError($"{command.Name} needs --rules <files…> and --env <environment>, or --job <file>.");
            }
        });
    }

    /// <summary>Loads the rule files and finds the environment; bad files and unknown environments fail here, before any connection.</summary>
    public RuleSource Resolve(ParseResult parseResult, DataRefreshSettings settings, ProviderRegistry providers)
    {
        var environment = parseResult.GetValue(Environment);
        if (parseResult.GetValue(Job) is { } jobFile)
        {
            var job = JobFileLoader.Load(jobFile);
            var source = environment is null ? settings.GetEnvironment(job.Source, job.SourceAt) : settings.GetEnvironment(environment);
            return new RuleSource(RuleFileLoader.Load(job.RuleFiles, providers.Get(source).DefaultSchema), source);
        }

        // The validator guarantees both are present here. Settings before files, as for run: exit code 3 before 4.
        var named = settings.GetEnvironment(environment!);
        return new RuleSource(RuleFileLoader.Load(parseResult.GetValue(Rules)!, providers.Get(named).DefaultSchema), named);
    }
}
