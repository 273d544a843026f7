import Foundation

/// A small indexed folder for the server tests: several file types, two folders, files with
/// old and new modification times.
enum ServeFixture {
    static let oldDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
    static let newDate = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01

    static func indexed() throws -> CommandLineTool {
        let tool = try CommandLineTool()
        try tool.write("docs/thuy-dien.txt", "Thuỷ điện Hoà Bình mùa lũ\n\nNhà máy thuỷ điện Hoà Bình xả lũ an toàn. Người dân được báo trước.")
        try tool.write("docs/xay-dung.md", "# Xây dựng Đảng\n\nHội nghị bàn về công tác xây dựng Đảng và chính quyền ở Hoà Bình.")
        try tool.write(
            "docs/trang.html",
            "<html><head><title>Bóng đá Hoà Bình</title></head><body><p>Đội bóng đá tỉnh Hoà Bình thắng trận.</p></body></html>")
        try tool.write("docs/luu-tru/cu.txt", "Lưu trữ cũ về Hoà Bình\n\nVăn bản năm 2019 về thuỷ lợi Hoà Bình và đê điều.")
        try tool.write("docs/luu-tru/nuoc.txt", "Nước sạch nông thôn\n\nChương trình nước sạch cho các xã vùng cao.")
        for name in ["docs/thuy-dien.txt", "docs/xay-dung.md", "docs/trang.html", "docs/luu-tru/nuoc.txt"] {
            try FileManager.default.setAttributes([.modificationDate: newDate], ofItemAtPath: tool.path(name))
        }
        try FileManager.default.setAttributes([.modificationDate: oldDate], ofItemAtPath: tool.path("docs/luu-tru/cu.txt"))
        let output = try tool.run(["index", tool.path("docs"), "--db", tool.database])
        guard output.status == 0 else { throw LoopbackHTTP.Failure(message: output.stderr) }
        return tool
    }

    /// `text`'s Unicode scalars in `range` (the API counts in them).
    static func scalars(_ text: String, _ range: [Int]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: Array(text.unicodeScalars)[range[0]..<range[1]])
        return String(view)
    }
}
