namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Put into a source row where a real engine would hold a value its reader cannot decode (numeric NaN, an infinite
/// date): the in-memory reader hands it to masks as <see cref="Core.Values.Undecodable.Value"/>, and copies it as it is
/// into columns no mask replaces, as a raw copy would.
/// </summary>
public sealed class UndecodableSourceValue
{
    public static readonly UndecodableSourceValue Instance = new();

    private UndecodableSourceValue()
    {
    }

    public override string ToString() => "(undecodable in the source)";
}
