namespace Lineage.Graph.Core.Tests;

public sealed class TextsTests
{
    [Theory]
    [InlineData("2026-06-01T12:00:00Z", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01t12:00:00z", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01T12:00Z", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01T14:00:00+02:00", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01T14:00:00+0200", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01T12:00:00.123456789Z", "2026-06-01T12:00:00.1234567+00:00")]
    [InlineData("2026-06-01T12:00:00,99999999Z", "2026-06-01T12:00:00.9999999+00:00")]
    [InlineData("9999-12-31T23:59:59.99999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    [InlineData("2026-06-01T12:00:00.5", "2026-06-01T12:00:00.5000000+00:00")]
    [InlineData("2026-06-01 12:00:00", "2026-06-01T12:00:00.0000000+00:00")]
    [InlineData("2026-06-01", "2026-06-01T00:00:00.0000000+00:00")]
    [InlineData("2024-03-18T14:15:45.123Z[UTC]", "2024-03-18T14:15:45.1230000+00:00")]
    public void An_ISO_8601_instant_is_read_in_UTC_unless_it_gives_an_offset(string text, string expected)
    {
        Assert.True(Texts.TryParseIsoInstant(text, out var instant));
        Assert.Equal(expected, instant.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("06/01/2026")]
    [InlineData("Monday, June 1, 2026")]
    [InlineData("2026-06-01 Monday")]
    [InlineData("2026-06-01 12 PM")]
    [InlineData("2026-06-01T12:00:00 Z")]
    [InlineData("2026-06-01T12:00:00.1234567891Z")]
    [InlineData("2026-06-01T12")]
    [InlineData("2026-13-01T12:00:00Z")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_an_instant(string? text) =>
        Assert.False(Texts.TryParseIsoInstant(text, out _));

    [Fact]
    public void Texts_compare_by_code_point_as_their_utf8_bytes_do()
    {
        // UTF-16 order puts the emoji (a surrogate pair, D83D DE00) before the full-width letter (FF5A).
        Assert.True(Texts.CompareByCodePoint("\uff5a", "\ud83d\ude00") < 0);
        Assert.True(string.CompareOrdinal("\uff5a", "\ud83d\ude00") > 0);
        Assert.True(Texts.CompareByCodePoint("a", "ab") < 0);
        Assert.Equal(0, Texts.CompareByCodePoint("same", "same"));
        Assert.True(EntityKey.Parse("dataset:ns:\uff5a@1").CompareTo(EntityKey.Parse("dataset:ns:\ud83d\ude00@1")) < 0);
    }

    [Theory]
    [InlineData("2026-06-01T14:00:00+02:00", "2026-06-01T12:00:00Z")]
    [InlineData("2026-06-01T12:00:00.1200000Z", "2026-06-01T12:00:00.12Z")]
    [InlineData("2026-06-01T12:00:00.0000001Z", "2026-06-01T12:00:00.0000001Z")]
    public void An_instant_is_quoted_in_UTC_with_a_Z_and_no_trailing_zeros(string instant, string quoted) =>
        Assert.Equal(quoted, Texts.Instant(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void A_control_character_is_found_wherever_it_is_as_char_IsControl_judges_one()
    {
        // Every UTF-16 code unit, alone and in the middle of text longer than one vector.
        var padding = new string('a', 40);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var unit = (char)c;
            Assert.Equal(char.IsControl(unit), Texts.HasControl([unit]));
            Assert.Equal(char.IsControl(unit), Texts.HasControl(padding + unit + padding));
        }

        Assert.False(Texts.HasControl(""));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("plain ascii", true)]
    [InlineData("caf\\u00e9 \\u4e2d\\u6587", true)]
    [InlineData("pair \\ud83d\\ude80 and \\ud83d\\ude80", true)]
    [InlineData("\\ud83d\\ude80", true)]
    [InlineData("lone high \\ud83d at the end \\ud83d", false)]
    [InlineData("lone high \\ud83d then text", false)]
    [InlineData("lone low \\ude80 after text", false)]
    [InlineData("\\ude80\\ud83d", false)]
    [InlineData("pair \\ud83d\\ude80 then lone \\ude80", false)]
    [InlineData("pair \\ud83d\\ude80 then a high at the end \\ud83d", false)]
    public void Text_is_well_formed_when_every_surrogate_is_in_a_pair(string escaped, bool wellFormed) =>
        Assert.Equal(wellFormed, Texts.IsWellFormed(System.Text.RegularExpressions.Regex.Unescape(escaped)));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("X\ninfo: FAKE entry", "X info: FAKE entry")]
    [InlineData("a\r\nb", "a b")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("admin\u202Etxt.exe", "admin\\u202Etxt.exe")]
    [InlineData("tab\there", "tab\\u0009here")]
    public void One_line_text_cannot_start_a_line_move_a_cursor_or_reorder_itself(string text, string expected) =>
        Assert.Equal(expected, Texts.OneLine(text));

    [Theory]
    [InlineData(1, "1 event")]
    [InlineData(2, "2 events")]
    [InlineData(0, "0 events")]
    [InlineData(100_000, "100000 events")]
    public void A_count_takes_the_singular_for_one(long count, string expected) =>
        Assert.Equal(expected, Texts.Count(count, "event"));
}
