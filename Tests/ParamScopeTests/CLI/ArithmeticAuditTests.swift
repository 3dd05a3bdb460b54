import Foundation
import Testing

/// Sums of figures that each fit in 64 bits but not together: shown as "—", never wrapped.
@Suite struct ArithmeticAuditTests {
    /// KV cache = 2 bytes (bf16) × 1 layer × 1 token × (2 · kv_heads 2 · head_dim 4 = 16) × batch
    /// (2⁵⁸ − 1) = 32 · (2⁵⁸ − 1) = 2⁶³ − 32 = 9,223,372,036,854,775,776 bytes: it fits, but adding
    /// the Q4_K_M weights (more than 32 bytes) does not.
    @Test func weightsPlusCacheOverflowShowsADash() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let yaml = "models:\n  - name: M\n    layers: 1\n    hidden: 8\n    heads: 2\n    vocab: 10\n    context: 1\n    batch: 288230376151711743\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: "\(directory)/kv.yaml"))
        let output = try CommandRunner.run(["report", "\(directory)/kv.yaml", "--out", "\(directory)/out", "--templates", "\(TestSupport.root)/templates"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let markdown = try String(contentsOfFile: "\(directory)/out/kv.md", encoding: .utf8)
        #expect(markdown.contains("| KV cache (1 tokens × batch 288230376151711743, bf16) | 9,223,372,036,854,775,776 |"))
        #expect(markdown.contains("| Inference: GGUF Q4\\_K\\_M weights + KV cache | — | — | — |"))
    }
}
