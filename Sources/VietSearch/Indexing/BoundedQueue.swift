import Foundation

/// A blocking FIFO between the reader thread and the writer: the reader runs ahead by at most
/// `capacity` items and `weightLimit` of their weight (bytes of text; a single heavier item
/// still passes, alone), so memory stays bounded however large the folder or its files. A
/// document read and recorded takes several times its text in memory, so a count limit alone
/// lets a folder of large files take far more memory (docs/ENGINE.md, "How `vnsearch index`
/// writes").
///
/// A blocked side is woken only when the other has made room for, or filled, several items
/// (`wakeBatch`, or a quarter of the weight limit), not at every item: waking a thread per
/// document makes both threads trade the cores back and forth (futex wake-ups, reschedule
/// interrupts and context switches).
///
/// `@unchecked Sendable`: every access to the stored state happens under `condition`.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Popped slots are set to nil at once (compacted every 1,024 pops): holding popped items
    /// until then would keep up to 1,024 documents with their recorded terms alive.
    private var items: [Element?] = []
    private var head = 0
    private var closed = false
    private var producerWaiting = false
    /// The weight of the item the producer waits to push.
    private var waitingWeight = 0
    private var consumerWaiting = false
    private let capacity: Int
    private let wakeBatch: Int
    private let weightLimit: Int
    private let weight: @Sendable (Element) -> Int
    private var storedWeight = 0

    init(
        capacity: Int, wakeBatch: Int? = nil, weightLimit: Int = .max, weight: @escaping @Sendable (Element) -> Int = { _ in 0 }
    ) {
        self.capacity = capacity
        self.wakeBatch = max(1, min(wakeBatch ?? capacity / 4, capacity / 4))
        self.weightLimit = weightLimit
        self.weight = weight
    }

    private var stored: Int { items.count - head }

    /// Items and their weight waiting now (a snapshot: the other thread may change it right
    /// after).
    var contents: (count: Int, weight: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (stored, storedWeight)
    }

    /// Whether an item of weight `added` must wait; `draining`: the producer is already waiting,
    /// and waits for a batch of room.
    private func mustWait(adding added: Int, draining: Bool) -> Bool {
        let tooMany = draining ? stored > capacity - wakeBatch : stored >= capacity
        return tooMany || (stored > 0 && storedWeight > weightLimit - added)
    }

    /// Blocks while full. Returns false when the consumer has closed the queue.
    @discardableResult
    func push(_ item: Element) -> Bool {
        let added = weight(item)
        condition.lock()
        defer { condition.unlock() }
        if mustWait(adding: added, draining: false) {
            producerWaiting = true
            waitingWeight = added
            // The consumer may be waiting for a batch that the weight limit keeps from coming.
            if consumerWaiting { condition.broadcast() }
            while mustWait(adding: added, draining: true) && !closed { condition.wait() }
            producerWaiting = false
        }
        guard !closed else { return false }
        items.append(item)
        storedWeight += added
        if consumerWaiting && (stored >= wakeBatch || storedWeight >= weightLimit / 4) { condition.broadcast() }
        return true
    }

    /// Blocks while empty; nil once closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if stored == 0 {
            consumerWaiting = true
            while !closed && (stored == 0 || (stored < wakeBatch && storedWeight < weightLimit / 4 && !producerWaiting)) {
                condition.wait()
            }
            consumerWaiting = false
        }
        guard stored > 0 else { return nil }
        guard let item = items[head] else { preconditionFailure("a queued slot is empty") }
        items[head] = nil
        head += 1
        storedWeight -= weight(item)
        if head > 1024 {
            items.removeFirst(head)
            head = 0
        }
        if producerWaiting && !mustWait(adding: waitingWeight, draining: true) { condition.broadcast() }
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
