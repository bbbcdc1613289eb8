using System.Data;
using System.Data.Common;

namespace DataRefresh.History;

/// <summary>Values go into history statements only as parameters, added here.</summary>
internal static class HistoryParameters
{
    /// <summary>
    /// Adds a parameter of a stated type: a null still tells the engine its type (PostgreSQL cannot infer one for
    /// <c>@job IS NULL</c>), so no statement needs a cast for it.
    /// </summary>
    public static DbCommand With(this DbCommand command, string name, DbType type, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
