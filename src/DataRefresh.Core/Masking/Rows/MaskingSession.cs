using System.Collections.Concurrent;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// Everything the maskers of one run share: the key, and the collision resolutions of unique columns per domain (made
/// before the copy by <see cref="UniqueResolver"/>). Builds one <see cref="RowMasker"/> per table and worker.
/// </summary>
public sealed class MaskingSession(MaskingKey key)
{
    private readonly ConcurrentDictionary<string, UniqueResolution> resolutions = new(StringComparer.Ordinal);

    public MaskingKey Key { get; } = key;

    /// <summary>Makes every masker of <paramref name="domain"/> built from now on use <paramref name="resolution"/>.</summary>
    public void AddResolution(string domain, UniqueResolution resolution) => resolutions[domain] = resolution;

    /// <summary>Set by a run that verifies its copy: row maskers of table copies then gather leakage evidence.</summary>
    public Verification.Leakage.LeakageRecorder? Leakage { get; set; }

    /// <summary>Counts, per table and column, the values masks could not read; any count fails verification.</summary>
    public Verification.UndecodableValues Undecodable { get; } = new();

    /// <summary>The rows a subset run copies (set once the closure is chosen); null copies every row the plan reads.</summary>
    public Planning.Subsets.SubsetPlan? Subset { get; set; }

    /// <param name="slice">The part of the table a copy worker masks; its evidence goes to <see cref="Leakage"/> and <see cref="Undecodable"/>. Null for previews.</param>
    public RowMasker CreateRowMasker(TablePlan plan, Providers.TableSlice? slice = null)
    {
        var positions = plan.Columns.Select((column, index) => (column, index)).ToDictionary(pair => pair.column.Column.Name, pair => pair.index);
        var cells = new CellMasker?[plan.Columns.Count];
        for (var index = 0; index < plan.Columns.Count; index++)
        {
            var column = plan.Columns[index];
            if (column.IsMasked)
            {
                cells[index] = CreateCell(column.Mask!, column.Column, plan, positions);
            }
        }

        var subset = Subset?.For(plan.Table.Name)?.Filter;
        return slice is null ? new RowMasker(cells, subset: subset) : new RowMasker(cells, Leakage?.StartWorker(plan, slice), Undecodable.StartWorker(plan, slice), subset);
    }

    /// <summary>A masker for one value (no row context): the rule must not use <c>when</c> or <c>template</c>.</summary>
    public ColumnMasker CreateColumnMasker(MaskRule rule, ColumnInfo column)
    {
        var masker = MaskerFactory.Create(rule.Mask, column, new KeyedHash(Key, rule.EffectiveDomain), this);
        return resolutions.TryGetValue(rule.EffectiveDomain, out var resolution) && resolution.Count > 0
            ? new ResolvedMasker(masker, resolution)
            : masker;
    }

    private CellMasker CreateCell(MaskRule rule, ColumnInfo column, TablePlan plan, Dictionary<string, int> positions)
    {
        CellMasker cell = rule.Mask.Strategy switch
        {
            MaskStrategy.Keep => new KeepCell(),
            MaskStrategy.Template => CreateTemplate(rule.Mask, column, plan, positions),
            _ => new ValueCell(CreateColumnMasker(rule, column)),
        };
        if (rule.When is null)
        {
            return cell;
        }

        var terms = rule.When.Terms
            .Select(term => new ConditionalCell.Term(
                positions[term.Column],
                term.Values.OfType<string>().ToHashSet(StringComparer.Ordinal),
                term.Values.Contains(null)))
            .ToList();
        return new ConditionalCell(terms, cell, CreateCell(rule.Otherwise!, column, plan, positions));
    }

    private static TemplateCell CreateTemplate(MaskDefinition mask, ColumnInfo column, TablePlan plan, Dictionary<string, int> positions)
    {
        var template = TemplateText.Parse(mask.Text("template")!);
        var columns = template.Columns.ToDictionary(name => name, name => (positions[name], plan.Columns[positions[name]].IsMasked));
        return new TemplateCell(template, columns, column.MaxLength);
    }
}
