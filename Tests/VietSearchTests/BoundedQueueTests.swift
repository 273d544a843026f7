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
}
