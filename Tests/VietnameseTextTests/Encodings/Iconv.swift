import Foundation

/// glibc iconv (`/usr/bin/iconv`), the independent oracle for the tables it knows.
enum Iconv {
    static let path = "/usr/bin/iconv"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Converts `input` with `iconv -c` (unconvertible input is dropped).
    static func convert(_ input: [UInt8], from: String, to: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", "-f", from, "-t", to]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write on another thread so a full output pipe cannot block the write.
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](output)
    }

    /// iconv's scalar for each byte 0x00–0xFF (nil where it has none), one byte per line so that
    /// no combining byte composes with its neighbour. 0x0A itself is the separator: reported as
    /// U+000A.
    static func byteTable(_ encoding: String) throws -> [[UInt32]?] {
        var input: [UInt8] = []
        for byte in 0...255 where byte != 0x0A { input += [UInt8(byte), 0x0A] }
        let output = try convert(input, from: encoding, to: "UTF-8")
        var lines = output.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            Array(String(decoding: $0, as: UTF8.self).unicodeScalars.map(\.value))
        }
        lines.insert([0x0A], at: 0x0A)
        return (0...255).map { lines[$0].isEmpty ? nil : lines[$0] }
    }
}
