import FuzzDriver
import ParamScope

// libFuzzer target: any notes made safe for a .md page hold no raw HTML and no dangerous link
// by cmark's own reading (FuzzEntry traps otherwise).
fuzz { FuzzEntry.markdownProse($0) }
