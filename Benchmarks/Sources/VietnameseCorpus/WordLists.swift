/// Hand-written word lists (general knowledge of the language, not taken from any corpus): the
/// most frequent function words, common compounds, names, places, acronyms and loanwords. They
/// give the generated text a realistic head of the frequency distribution; the long tail comes
/// from `VietnameseSyllables`. All NFC, traditional tone placement (hòa, thủy).
enum WordLists {
    /// Function words and very common syllables, roughly most frequent first.
    static let functionWords = [
        "và", "của", "là", "có", "các", "được", "trong", "cho", "không", "những", "một", "người", "với", "đã",
        "này", "để", "khi", "đến", "từ", "năm", "ra", "theo", "về", "cũng", "tại", "như", "nhiều", "sẽ", "thì",
        "đó", "ông", "bà", "anh", "chị", "ngày", "làm", "sau", "vào", "trên", "hơn", "nhà", "việc", "phải", "lại",
        "mà", "nhưng", "vì", "nên", "do", "nếu", "hay", "rất", "đang", "còn", "bị", "đi", "lên", "chỉ", "cùng",
        "hiện", "nay", "số", "gì", "sự", "họ", "chúng", "tôi", "mình", "thêm", "nhất", "đây", "qua", "bằng",
        "giữa", "trước", "tháng", "hai", "ba", "cả", "nào", "ở", "thế", "vẫn", "mới", "đều", "tới", "lần",
    ]

    /// Common two- and three-syllable words, in no particular order.
    static let compounds = [
        "thành phố", "chính phủ", "phát triển", "kinh tế", "xã hội", "công ty", "doanh nghiệp", "người dân",
        "hoạt động", "tổ chức", "quốc gia", "thị trường", "đầu tư", "ngân hàng", "sản xuất", "chính sách",
        "quản lý", "thông tin", "cơ quan", "giáo dục", "học sinh", "sinh viên", "bệnh viện", "bác sĩ", "sức khỏe",
        "công an", "điều tra", "pháp luật", "an toàn", "giao thông", "xây dựng", "dự án", "kế hoạch", "thực hiện",
        "tiếp tục", "chương trình", "trường hợp", "vấn đề", "khu vực", "địa phương", "lãnh đạo", "hợp tác",
        "quan hệ", "bóng đá", "đội tuyển", "trận đấu", "cầu thủ", "thế giới", "quốc tế", "môi trường",
        "nông nghiệp", "du lịch", "văn hóa", "khoa học", "công nghệ", "điện thoại", "ô tô", "xe máy", "thủy điện",
        "hòa bình", "tùy theo", "ủy ban", "tài chính", "giá trị", "tăng trưởng", "cạnh tranh", "thủ tướng",
        "bộ trưởng", "chủ tịch", "tổng thống", "nhân dân", "gia đình", "trẻ em", "phụ nữ", "cuộc sống", "hiệu quả",
        "nghiên cứu", "sử dụng", "hệ thống", "tình hình", "nguyên nhân", "kết quả", "quyết định", "ý kiến",
        "đại biểu", "quốc hội", "nghị quyết", "lực lượng", "đối tượng", "hóa đơn", "khách hàng", "người lao động",
        "cán bộ", "học tập", "thời gian", "hỗ trợ", "bảo đảm", "bảo hiểm", "tiêu dùng", "xuất khẩu", "nhập khẩu",
        "thủy sản", "an ninh", "quốc phòng", "kỹ thuật", "lý do", "tỷ lệ", "tuyển sinh", "huấn luyện viên",
        "khỏe mạnh", "thời tiết", "mưa lớn", "lũ lụt", "hỏa hoạn", "tai nạn", "xử lý", "vi phạm", "tòa án",
        "bị cáo", "tuyên án", "điều khoản", "khuyến khích", "quy định", "quy hoạch", "chuyển đổi", "nguyên liệu",
    ]

    static let familyNames = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
        "Dương", "Lý",
    ]
    static let middleNames = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Hoài", "Thúy"]
    static let givenNames = [
        "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Hương", "Lan", "Linh", "Long", "Mai", "Nam", "Phong",
        "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Khoa", "Thủy", "Hòa", "Nghĩa", "Quyên",
    ]

    static let places = [
        "Hà Nội", "Việt Nam", "TP.HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Nghệ An", "Thanh Hóa",
        "Quảng Ninh", "Đồng Nai", "Bình Dương", "Khánh Hòa", "Lâm Đồng", "Trung Quốc", "Mỹ", "Nhật Bản", "Hàn Quốc",
        "Thái Lan", "Campuchia", "Nga", "Pháp", "Đồng bằng sông Cửu Long", "Tây Nguyên",
    ]
    /// Administrative units put before generated place names (tỉnh X, huyện Y).
    static let placeKinds = ["tỉnh", "huyện", "xã", "phường", "quận", "thị xã", "thôn"]

    static let organisations = [
        "Bộ Y tế", "Bộ Công an", "Bộ Tài chính", "Bộ Giáo dục và Đào tạo", "Ngân hàng Nhà nước", "Quốc hội",
        "Chính phủ", "Tòa án nhân dân", "Viện Kiểm sát", "Sở Giao thông vận tải", "Tổng cục Thống kê",
    ]

    static let acronyms = [
        "UBND", "HĐND", "THPT", "GDP", "CSGT", "ĐBSCL", "WTO", "ASEAN", "USD", "VND", "BHXH", "CNTT", "TNHH", "CP",
        "FDI", "ODA", "TP", "ĐH", "PGS.TS", "ThS",
    ]

    /// Loanwords and brand-like words as Vietnamese news writes them.
    static let loanwords = [
        "Facebook", "online", "email", "smartphone", "marketing", "Internet", "video", "game", "show", "website",
        "container", "taxi", "laptop", "Wi-Fi", "startup", "Google", "Samsung", "Apple", "robot", "fan", "clip",
    ]

    /// Words outside Vietnamese spelling (other Latin letters, Cyrillic, Greek, CJK), rare in news
    /// but present: they take the analyzer's general (allocating) path.
    static let foreignWords = ["café", "José", "Zürich", "Pokémon", "naïve", "Москва", "Путин", "Ελλάδα", "北京", "東京"]

    /// Code suffixes of legal documents (37-NQ/TW, 12/2016/NĐ-CP, 145/QĐ-TTg).
    static let documentCodes = ["NQ/TW", "NĐ-CP", "QĐ-TTg", "QĐ-UBND", "CT-UBND", "TT-BTC", "QH13", "KH-UBND"]
    static let currencies = ["đồng", "tỷ đồng", "triệu đồng", "USD", "triệu USD", "tỷ USD"]
}
