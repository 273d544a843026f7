import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The client side of a WebSocket (RFC 6455) over a loopback TCP socket, enough to speak to
/// Chromium's DevTools: text messages, masked as a client must, fragments reassembled, pings
/// answered.
final class WebSocketConnection {
    private let socket: Int32
    private var buffer: [UInt8] = []

    /// `url`: ws://127.0.0.1:PORT/path.
    init(url: String, timeout: Int = 30) throws {
        guard url.hasPrefix("ws://"), let slash = url.dropFirst(5).firstIndex(of: "/") else {
            throw LoopbackHTTP.Failure(message: "not a ws:// URL: \(url)")
        }
        let authority = url[url.index(url.startIndex, offsetBy: 5)..<slash]
        let path = String(url[slash...])
        guard let port = authority.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw LoopbackHTTP.Failure(message: "no port in \(url)")
        }
        do {
            socket = try LoopbackHTTP.connected(port: port, timeout: timeout)
        } catch {
            throw LoopbackHTTP.Failure(message: "cannot connect to \(url)")
        }
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try write(Array("GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n".utf8))
        let head = try readUntilHeadersEnd()
        guard head.hasPrefix("HTTP/1.1 101") else { throw LoopbackHTTP.Failure(message: "no WebSocket upgrade: \(head)") }
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count < 65536 {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        } else {
            frame.append(0x80 | 127)
            frame += (0..<8).reversed().map { UInt8((UInt64(payload.count) >> (8 * UInt64($0))) & 0xff) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try write(frame)
    }

    /// The next text message (fragments joined).
    func receive() throws -> String {
        var message: [UInt8] = []
        while true {
            let first = try take(2)
            let opcode = first[0] & 0x0f
            let final = first[0] & 0x80 != 0
            var length = Int(first[1] & 0x7f)
            if length == 126 {
                let extended = try take(2)
                length = Int(extended[0]) << 8 | Int(extended[1])
            } else if length == 127 {
                length = try take(8).reduce(0) { $0 << 8 | Int($1) }
            }
            let mask = first[1] & 0x80 != 0 ? try take(4) : nil
            var payload = try take(length)
            if let mask { payload = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } }
            switch opcode {
            case 0x8: throw LoopbackHTTP.Failure(message: "the browser closed the DevTools connection")
            case 0x9: try write([0x8A, 0x80 | UInt8(payload.count)] + [0, 0, 0, 0] + payload)  // pong
            case 0xA: continue
            default:
                message += payload
                if final { return String(decoding: message, as: UTF8.self) }
            }
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw LoopbackHTTP.Failure(message: "WebSocket send failed") }
            sent += count
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw LoopbackHTTP.Failure(message: "WebSocket closed or timed out") }
        buffer += chunk[0..<count]
    }

    private func take(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    private func readUntilHeadersEnd() throws -> String {
        while true {
            if let end = (0..<max(0, buffer.count - 3)).first(where: { buffer[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) }) {
                let head = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                return head
            }
            try fill()
        }
    }
}
