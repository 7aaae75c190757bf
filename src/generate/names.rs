//! Fictional but plausible names: people (Han and Mongolian), places, and the
//! pools that hand out place names without repeating one in a document.

use crate::model::Gender;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::Rng;

/// Common surnames, most frequent first (picked with a bias towards the front).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
    "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
    "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
    "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
    "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔",
    "贺", "赖", "龚", "文", "奇", "包", "云", "乌",
];

/// Characters of men's given names.
const MALE_CHARS: &[&str] = &[
    "伟", "强", "军", "磊", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳", "建", "国",
    "志", "海", "峰", "亮", "成", "文", "武", "忠", "东", "振", "永", "庆", "德", "福", "胜", "利",
    "荣", "贵", "富", "生", "宏", "兵", "江", "春", "晓", "博", "新", "立", "瑞", "喜",
];

/// Characters of women's given names.
const FEMALE_CHARS: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "英", "秀", "兰", "梅", "红",
    "萍", "琳", "莉", "雪", "婷", "慧", "颖", "洁", "琴", "云", "凤", "玉", "珍", "华", "丹", "晶",
    "倩", "悦", "欣", "佳", "月", "春", "淑", "素", "彩", "翠", "荣", "媛",
];

/// The first halves of Mongolian names (孟和 + 巴特尔, 斯琴 + 高娃 …).
const MONGOLIAN_HEADS: &[&str] = &[
    "巴图",
    "额尔敦",
    "乌云",
    "阿拉坦",
    "宝音",
    "朝鲁",
    "那仁",
    "孟和",
    "哈斯",
    "格日勒",
    "斯琴",
    "萨仁",
    "乌尼",
    "苏日",
    "敖特根",
    "吉日木",
    "特木尔",
    "图门",
    "呼和",
    "额日和",
];

/// The second halves of Mongolian men's names.
const MONGOLIAN_MALE_TAILS: &[&str] = &[
    "巴雅尔",
    "毕力格",
    "达来",
    "仓",
    "巴特尔",
    "吉日嘎拉",
    "朝克图",
    "布和",
    "图",
];

/// The second halves of Mongolian women's names.
const MONGOLIAN_FEMALE_TAILS: &[&str] = &[
    "高娃",
    "其其格",
    "图雅",
    "娜",
    "花",
    "格日乐",
    "塔娜",
    "琪琪格",
    "乌兰",
];

/// The parts place names are made of (streets, communities, compounds, agencies).
const PLACES: &[&str] = &[
    "新华", "光明", "和平", "建设", "团结", "胜利", "朝阳", "友谊", "文化", "育才", "富民", "兴华",
    "锦绣", "阳光", "金桥", "长青", "东风", "红旗", "幸福", "民主", "工农", "解放", "先锋", "青山",
    "昭君", "白塔", "锡尼", "树林", "平原", "西园", "滨河", "南湖", "北苑", "东兴", "西城", "桥华",
    "塔园", "青城", "如意", "海东", "通顺", "钢城", "康乐", "祥和", "万达", "金地", "嘉禾", "瑞丰",
    "华苑", "丰泽", "静安", "安居", "宏图", "前进", "永安", "迎宾", "金鹏", "响沙", "凤林", "碧水",
];

/// The endings of residential compound names (小区).
const COMPOUND_ENDINGS: &[&str] = &[
    "小区", "花园", "家园", "苑", "新村", "公寓", "嘉园", "雅居", "名苑", "佳苑", "华庭", "里",
];

/// What makes a repeated place name distinct again: 新华东, 新华西 …
const PLACE_QUARTERS: &[&str] = &[
    "", "东", "西", "南", "北", "中", "新", "前", "后", "上", "下",
];

/// What makes a repeated compound name distinct again: its phases and quarters.
const COMPOUND_PHASES: &[&str] = &[
    "", "二期", "三期", "东区", "西区", "南区", "北区", "四期", "东苑", "西苑", "南苑", "北苑",
    "A区", "B区", "C区", "D区",
];

/// A person's name for the given gender and ethnicity (民族).
pub(super) fn person(rng: &mut impl Rng, gender: Gender, ethnicity: &str) -> String {
    if ethnicity == "蒙古族" && rng.random_bool(0.85) {
        return mongolian(rng, gender);
    }
    let surname = surname(rng);
    let chars = match gender {
        Gender::Male => MALE_CHARS,
        Gender::Female => FEMALE_CHARS,
    };
    let first = chars.choose(rng).copied().unwrap_or("明");
    if rng.random_bool(0.2) {
        format!("{surname}{first}")
    } else {
        let second = chars.choose(rng).copied().unwrap_or("华");
        format!("{surname}{first}{second}")
    }
}

/// A surname, the common ones more often: the index is skewed towards the front.
fn surname(rng: &mut impl Rng) -> &'static str {
    let skew: f64 = rng.random::<f64>().powi(2);
    SURNAMES[(skew * SURNAMES.len() as f64) as usize % SURNAMES.len()]
}

/// A Mongolian name made of two halves, e.g. 宝音巴雅尔, 斯琴高娃.
fn mongolian(rng: &mut impl Rng, gender: Gender) -> String {
    let head = MONGOLIAN_HEADS.choose(rng).copied().unwrap_or("巴图");
    let tails = match gender {
        Gender::Male => MONGOLIAN_MALE_TAILS,
        Gender::Female => MONGOLIAN_FEMALE_TAILS,
    };
    let tail = tails.choose(rng).copied().unwrap_or("巴特尔");
    format!("{head}{tail}")
}

/// An ethnicity as in the seeds' Inner Mongolia: mostly 汉族, some 蒙古族, 回族, 满族.
pub(super) fn ethnicity(rng: &mut impl Rng) -> &'static str {
    match rng.random_range(0..100) {
        0..88 => "汉族",
        88..96 => "蒙古族",
        96..98 => "回族",
        _ => "满族",
    }
}

/// Hands out names that do not repeat within a document: the pool is shuffled once,
/// and when it runs out the names come round again with a qualifier (东, 二期 …).
pub(super) struct NamePool {
    bases: Vec<String>,
    qualifiers: &'static [&'static str],
    next: usize,
}

impl NamePool {
    /// Place names for streets and communities (新华, 光明 …).
    pub(super) fn places(rng: &mut impl Rng) -> NamePool {
        let bases = PLACES.iter().map(|p| p.to_string()).collect();
        NamePool::shuffled(rng, bases, PLACE_QUARTERS)
    }

    /// Compound names (新华花园, 光明小区 …).
    pub(super) fn compounds(rng: &mut impl Rng) -> NamePool {
        let bases = PLACES
            .iter()
            .flat_map(|p| COMPOUND_ENDINGS.iter().map(move |e| format!("{p}{e}")))
            .collect();
        NamePool::shuffled(rng, bases, COMPOUND_PHASES)
    }

    fn shuffled(
        rng: &mut impl Rng,
        mut bases: Vec<String>,
        qualifiers: &'static [&'static str],
    ) -> NamePool {
        bases.shuffle(rng);
        NamePool {
            bases,
            qualifiers,
            next: 0,
        }
    }

    /// The next unused name. After every base and qualifier is used, a round
    /// number keeps names distinct.
    pub(super) fn next_name(&mut self) -> String {
        let i = self.next;
        self.next += 1;
        let base = &self.bases[i % self.bases.len()];
        let round = i / self.bases.len();
        match self.qualifiers.get(round) {
            Some(qualifier) => format!("{base}{qualifier}"),
            None => format!("{base}{}", round + 1),
        }
    }
}

/// Chinese numerals for ordinals in names (一 … 九十九): 第十二网格.
pub(super) fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn numerals_read_as_written_in_names() {
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(12), "十二");
        assert_eq!(numeral(30), "三十");
        assert_eq!(numeral(47), "四十七");
    }

    #[test]
    fn a_pool_never_repeats_a_name() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut pool = NamePool::places(&mut rng);
        let names: std::collections::BTreeSet<String> =
            (0..PLACES.len() * 20).map(|_| pool.next_name()).collect();
        assert_eq!(names.len(), PLACES.len() * 20);
    }
}
