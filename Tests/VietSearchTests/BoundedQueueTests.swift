import Foundation
import Testing

@testable import VietSearch

/// The queue between the indexer's reader and writer: everything arrives, in order, and what
/// waits never exceeds the count or the weight limit (one heavier item passes alone).
@Suite struct BoundedQueueTests {
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var popped: [Int] = []
        var worst: (count: Int, weight: Int) = (0, 0)
        /// Snapshots over the weight limit holding more than one item.
        var overweight = 0
    }

    final class Flag: @unchecked Sendable {
        let lock = NSLock()
        var isSet = false
    }

    /// `weights[i]` is item i's weight; the consumer is slower than the producer, so the queue
    /// fills and the producer waits on each limit in turn.
    static func run(weights: [Int], capacity: Int, weightLimit: Int) -> Log {
        let queue = BoundedQueue<Int>(capacity: capacity, weightLimit: weightLimit) { weights[$0] }
        let log = Log()
        let producer = Thread {
            for item in weights.indices { queue.push(item) }
            queue.close()
        }
        producer.start()
        usleep(50_000)  // the producer fills the queue and waits: the first pop sees it full
        while let item = queue.pop() {
            let now = queue.contents
            log.popped.append(item)
            log.worst = (max(log.worst.count, now.count), max(log.worst.weight, now.weight))
            if now.weight > weightLimit && now.count > 1 { log.overweight += 1 }
            usleep(200)
        }
        return log
    }

    @Test func everythingArrivesInOrderWithinTheCountLimit() {
        let log = Self.run(weights: Array(repeating: 1, count: 500), capacity: 8, weightLimit: .max)
        #expect(log.popped == Array(0..<500))
        #expect(log.worst.count <= 8)
        #expect(log.worst.count >= 4)  // it did fill up: the limit was exercised
    }

    @Test func theWeightLimitHoldsAndAHeavyItemPassesAlone() {
        var weights = Array(repeating: 30, count: 200)
        weights[50] = 500  // heavier than the limit: must still pass
        weights[120] = 500
        let log = Self.run(weights: weights, capacity: 64, weightLimit: 100)
        #expect(log.popped == Array(weights.indices))
        #expect(log.overweight == 0)
        #expect(log.worst.count <= 3)  // 3 × 30 fits under 100, 4 do not
        #expect(log.worst.count >= 2)  // it did fill up: the limit was exercised
    }

    /// A long queue (the indexer's holds up to 1,024 items, so the reader goes on preparing
    /// while the writer flushes) still wakes a waiting consumer after `wakeBatch` items, not a
    /// quarter of its capacity: the producer here pushes 4 items, then waits for the consumer to
    /// have taken one.
    @Test func aWaitingConsumerWakesAfterTheWakeBatch() {
        let queue = BoundedQueue<Int>(capacity: 1024, wakeBatch: 4)
        let taken = DispatchSemaphore(value: 0)
        let timedOut = Flag()
        let producer = Thread {
            for item in 0..<4 { queue.push(item) }
            if taken.wait(timeout: .now() + 10) == .timedOut {
                timedOut.lock.withLock { timedOut.isSet = true }
                queue.close()
            }
        }
        producer.start()
        let first = queue.pop()
        taken.signal()
        #expect(first == 0)
        #expect(!timedOut.lock.withLock { timedOut.isSet })
        queue.close()
    }
}
