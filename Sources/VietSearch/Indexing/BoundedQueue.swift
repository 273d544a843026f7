import Foundation

/// A blocking FIFO between the reader thread and the writer: the reader runs ahead by at most
/// `capacity` items, so memory stays bounded however large the folder.
///
/// A blocked side is woken only when the other has made room for, or filled, several items
/// (`wakeBatch`), not at every item: waking a thread per document made both threads trade the
/// cores back and forth (futex wake-ups, reschedule interrupts and context switches were ~8 % of
/// the writer's CPU when indexing the news folder).
///
/// `@unchecked Sendable`: every access to the stored state happens under `condition`.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    private var producerWaiting = false
    private var consumerWaiting = false
    private let capacity: Int
    private let wakeBatch: Int

    init(capacity: Int) {
        self.capacity = capacity
        wakeBatch = max(1, capacity / 4)
    }

    private var stored: Int { items.count - head }

    /// Items waiting now (a snapshot: the other thread may change it right after).
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }

    /// Blocks while full. Returns false when the consumer has closed the queue.
    @discardableResult
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stored >= capacity {
            producerWaiting = true
            while stored > capacity - wakeBatch && !closed { condition.wait() }
            producerWaiting = false
        }
        guard !closed else { return false }
        items.append(item)
        if consumerWaiting && stored >= wakeBatch { condition.broadcast() }
        return true
    }

    /// Blocks while empty; nil once closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if stored == 0 {
            consumerWaiting = true
            while stored < wakeBatch && !closed { condition.wait() }
            consumerWaiting = false
        }
        guard stored > 0 else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 {
            items.removeFirst(head)
            head = 0
        }
        if producerWaiting && stored <= capacity - wakeBatch { condition.broadcast() }
        return item
    }

    /// No more items will come (producer) or be taken (consumer).
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
