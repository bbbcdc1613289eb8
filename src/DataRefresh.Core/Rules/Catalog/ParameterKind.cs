namespace DataRefresh.Core.Rules.Catalog;

/// <summary>What a strategy parameter holds, which decides how the loader reads it and how the JSON Schema describes it.</summary>
public enum ParameterKind
{
    /// <summary>Any text.</summary>
    Text,

    /// <summary>A whole number within the parameter's range.</summary>
    Integer,

    /// <summary>A decimal number within the parameter's range.</summary>
    Number,

    /// <summary>One of the parameter's choices.</summary>
    Choice,

    /// <summary>A list of the parameter's choices.</summary>
    ChoiceList,

    /// <summary>Exactly one character.</summary>
    Character,

    /// <summary>A file path, relative to the rule file that names it.</summary>
    FilePath,

    /// <summary>A mapping of JSON paths to mask rules (the json strategy).</summary>
    JsonPaths,
}
