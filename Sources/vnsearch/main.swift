import VietnameseText
let a = VietnameseAnalyzer()
for arg in CommandLine.arguments.dropFirst() { for t in a.tokens(in: arg) { print(t) } }
