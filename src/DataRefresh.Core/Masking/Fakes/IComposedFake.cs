using System.Text;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>A fake built from Bogus' data whose every choice comes from keyed draws. Immutable: workers share it.</summary>
public interface IComposedFake
{
    void Compose(ref KeyedDraws draws, StringBuilder output);
}
