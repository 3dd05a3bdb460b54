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
        // Where CommonMark's blocks are is cmark's to say: a backtick in a backtick fence's info
        // string makes it no fence; a fence in a list item closes with the item.
        ("```a`b\n<script>x</script>\n```", "```a`b\n&lt;script>x&lt;/script>\n```"),
        ("- ```\n  <a>\n\n<script>alert(1)</script>", "- ```\n  <a>\n\n&lt;script>alert(1)&lt;/script>"),
        ("> ```\n> <a>\n<img src=x onerror=alert(1)>", "> ```\n> <a>\n&lt;img src=x onerror=alert(1)>"),
        ("    <indented code>\n\n<p>", "    <indented code>\n\n&lt;p>"),
        // Links to what the HTML pages drop become their text.
        ("[click](javascript:alert(1)) here", "click here"),
        ("[click](JaVaScRiPt:alert(1))", "click"),
        ("[x](java&#115;cript:alert(1))", "x"),
        ("[**bold** text](vbscript:msgbox)", "**bold** text"),
        ("![pic](data:text/html;base64,PHNjcmlwdD4=)", "pic"),
        ("[x][r]\n\n[r]: javascript:alert(1)", "x\n\n[r]: javascript:alert(1)"),
        ("[<b>x</b>](javascript:y)", "&lt;b>x&lt;/b>"),
        ("[f](file:///etc/passwd)", "f"),
        // Safe ones stay.
        ("[ok](https://example.com) ![png](data:image/png;base64,iVBOR)", "[ok](https://example.com) ![png](data:image/png;base64,iVBOR)"),
        ("`[x](javascript:y)` in code", "`[x](javascript:y)` in code"),
    ])
    func safe(input: String, expected: String) {
        #expect(MarkdownProse.safe(input) == expected)
    }

    /// Whatever goes in, cmark finds no raw HTML and no dangerous link in what comes out.
    @Test(arguments: [
        "<div>\n<script>\n</div>", "<!--\n-->\n<?x?>\n<![CDATA[x]]>", "- a\n  <b>\n- ```\n  <c>\n<d>",
        "* <x>\n  * <y>\n    * <z>", "[a](<javascript:x>)", "<JAVASCRIPT:alert(1)>", "[a]: javascript:x\n\n[a]",
        "[[x](javascript:y)](javascript:z)", "![[a](javascript:b)](javascript:c)", "`` ` `` <b> ``` <c>",
        "<a href='x'>[y](javascript:z)</a>", "\t<b>\n<c>", "1. ~~~\n   <a>\n2. <b>",
        // fuzz/prose finding (crash-47d2c097): a dangerous link whose label spans lines, among
        // reference definitions.
        "[x][z]\n\n[d]d]#java[d]\n\n\n\n[d]\n\n[d]:z vbscript:q[\n[d\n]\n[$]:\\[x](javascript:y) ![i] \n://][d](data:te,z) d]\n:\\\n\n\n[d](vasc)a < h",
    ])
    func nothingUnsafeSurvives(input: String) throws {
        let output = MarkdownProse.safe(input)
        let outline = try #require(CmarkOutline(output))
        for node in outline.nodes {
            #expect(node.kind != .htmlBlock && node.kind != .htmlInline, "raw HTML left in \(output.debugDescription)")
            #expect(!MarkdownProse.isDangerous(node.url), "a dangerous link left in \(output.debugDescription)")
        }
    }
}
