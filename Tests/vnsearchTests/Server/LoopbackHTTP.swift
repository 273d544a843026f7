import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a loopback socket: the request target is sent exactly as
/// given (`/../etc/passwd`, `%2e%2e`), which URL libraries would normalise first.
enum LoopbackHTTP {
    struct Response {
        var status: Int
        /// Lowercased names.
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }

        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
                throw Failure(message: "not a JSON object: \(text)")
            }
            return object
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// `GET target` (or another method), one request per connection.
    static func request(
        port: Int, _ target: String, method: String = "GET", headers: [String: String] = [:], body: [UInt8] = [],
        host: String = "127.0.0.1"
    ) throws -> Response {
        var head = "\(method) \(target) HTTP/1.1\r\n"
        var fields = ["Host": "\(host):\(port)", "Connection": "close"]
        if !body.isEmpty { fields["Content-Length"] = String(body.count) }
        for (name, value) in headers { fields[name] = value }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try parse(exchange(port: port, Array(head.utf8) + body))
    }

    static func get(port: Int, _ target: String, token: String? = nil) throws -> Response {
        try request(port: port, target, headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// Sends the bytes and reads until the server closes the connection (10 s at most).
    static func exchange(port: Int, _ bytes: [UInt8]) throws -> [UInt8] {
        let socket = try connected(port: port, timeout: 10)
        defer { close(socket) }
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break }  // the server may answer and close before reading all of a large request
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !isComplete(received) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return received
    }

    /// A response with a Content-Length is complete once its body is in, whether or not the
    /// other side closes (Chromium's DevTools server keeps the connection open).
    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let end = headerEnd(bytes) else { return false }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
        guard let range = head.range(of: "\r\ncontent-length:") else { return false }
        let digits = head[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber }
        return Int(digits).map { bytes.count - end - 4 >= $0 } ?? false
    }

    private static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        return (0...(bytes.count - 4)).first { bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10 }
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        guard let end = headerEnd(bytes) else {
            throw Failure(message: "no HTTP response: \(String(decoding: bytes, as: UTF8.self))")
        }
        let lines = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(message: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        while position < bytes.count {
            guard let lineEnd = (position..<(bytes.count - 1)).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }),
                let size = Int(String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16), size > 0
            else { break }
            let start = lineEnd + 2
            output += bytes[start..<min(start + size, bytes.count)]
            position = start + size + 2
        }
        return output
    }

    /// A TCP socket connected to 127.0.0.1:`port`, whose reads give up after `timeout` seconds.
    /// The caller closes it.
    static func connected(port: Int, timeout: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(message: "socket: \(errno)") }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = errno
            close(socket)
            throw Failure(message: "connect to port \(port): errno \(reason)")
        }
        return socket
    }
}
