using ModelAlloy.Evaluation.Routing;

namespace ModelAlloy.Evaluation.Tests.Routing;

public sealed class PromptShapeTests
{
    private const string Numeric = "What is 12 * 7?\nA. 84\nB. 74\nC. 94 kg\nD. 8.4\nAnswer:";

    [Fact]
    public void Every_number_has_a_name()
    {
        Assert.Equal(PromptShape.Count, PromptShape.Names.Count);
        Assert.Equal(PromptShape.Count, PromptShape.Of(Numeric).Length);
        Assert.Equal(PromptShape.Count, PromptShape.Of("").Length);
    }

    [Fact]
    public void The_options_are_read_from_lines_A_to_D()
    {
        float[] numeric = PromptShape.Of(Numeric);
        float[] words = PromptShape.Of("Which of these is NOT a mammal?\nA. whale\nB. bat\nC. shark\nD. none of the above\nAnswer:");

        Assert.Equal(1f, numeric[Index("options: share that are numbers")]);
        Assert.Equal(0f, words[Index("options: share that are numbers")]);
        Assert.Equal(1f, words[Index("options: one says 'of the above' or 'of these'")]);
        Assert.Equal(1f, words[Index("stem: says NOT, EXCEPT or LEAST")]);
        Assert.Equal(0f, numeric[Index("stem: says NOT, EXCEPT or LEAST")]);
        Assert.Equal((float)Math.Log(1 + "What is 12 * 7?".Length), numeric[Index("stem: log(1 + characters)")], 5);
        Assert.Equal(1f, PromptShape.Of("Which are true?\nA. I only\nB. II and III\nC. I, II\nD. IV\nAnswer:")[Index("options: one is a roman-numeral combination (I, II, ...)")]);
        Assert.True(words[Index("options: longest minus shortest log length")] > 1, "'bat' against 'none of the above'");
    }

    [Fact]
    public void A_prompt_without_options_has_zeros_for_them()
    {
        float[] shape = PromptShape.Of("Summarize this ticket: the invoice was charged twice.");

        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal(0f, shape[i]));
        Assert.True(shape[Index("tokens: mean log(1 + o200k id)")] > 0);
    }

    [Fact]
    public void Rare_words_split_into_more_tokens_than_common_ones()
    {
        float[] common = PromptShape.Of("Which house would people build near the water?");
        float[] rare = PromptShape.Of("Which glycosyltransferase phosphorylates sphingomyelinase?");

        Assert.True(rare[Index("words of 4+ letters: mean tokens per word")] > common[Index("words of 4+ letters: mean tokens per word")] + 1);
        Assert.True(rare[Index("words of 4+ letters: share split into 3+ tokens")] > common[Index("words of 4+ letters: share split into 3+ tokens")]);
        Assert.True(rare[Index("tokens per 4 characters")] > common[Index("tokens per 4 characters")]);
    }

    private static int Index(string name)
    {
        int index = PromptShape.Names.ToList().IndexOf(name);
        Assert.True(index >= 0, $"no shape number '{name}'");
        return index;
    }
}
