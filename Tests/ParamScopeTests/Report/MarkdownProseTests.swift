import Testing
@testable import ParamScope

/// User prose in `.md` output: tags become text, Markdown stays Markdown.
@Suite struct MarkdownProseTests {
    @Test(arguments: [
        ("a <b>bold</b> c", "a &lt;b>bold&lt;/b> c"),
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("<!-- hidden -->", "&lt;!-- hidden -->"),
        ("<?php echo 1 ?>", "&lt;?php echo 1 ?>"),
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
        // Not tags: left alone.
        ("x < y and 3<4", "x < y and 3<4"),
        ("**bold**, _em_ and [a link](https://example.com)", "**bold**, _em_ and [a link](https://example.com)"),
        ("<https://example.com/a?b=c> and <mailto:a@b.c>", "<https://example.com/a?b=c> and <mailto:a@b.c>"),
        ("\\<b> is already escaped", "\\<b> is already escaped"),
        // Code is text already: copied verbatim.
        ("use `<div>` here", "use `<div>` here"),
        ("``a ` <b> ``", "``a ` <b> ``"),
        ("```html\n<div>\n```\n<p>", "```html\n<div>\n```\n&lt;p>"),
        ("~~~~\n<a>\n~~~\n~~~~\n<i>", "~~~~\n<a>\n~~~\n~~~~\n&lt;i>"),
        // An unclosed backtick is not a code span.
        ("` <b>", "` &lt;b>"),
    ])
    func safe(input: String, expected: String) {
        #expect(MarkdownProse.safe(input) == expected)
    }
}
