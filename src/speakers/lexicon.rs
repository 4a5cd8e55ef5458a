//! Word lists the extractor reads: cue verbs, titles, roles, organisation words and given
//! names. All entries are lower-case ASCII.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

/// The gender a title, a given name or a pronoun implies, so that "he" is never read
/// as a woman named before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Mr, Sir, "he", a man's given name.
    Male,
    /// Mrs, Ms, Dame, "she", a woman's given name.
    Female,
    /// Nothing tells (Dr, Prof, a given name used by both): fits either.
    Unknown,
}

/// Verbs and phrases that report speech or a stated view ("said", "told", "warned").
#[rustfmt::skip]
const CUES: &[&str] = &[
    "say", "says", "said", "told", "tells", "added", "adds", "noted", "notes", "argued",
    "argues", "warned", "warns", "claimed", "claims", "insisted", "insists", "admitted",
    "admits", "explained", "explains", "stressed", "stresses", "stated", "states", "wrote",
    "writes", "asked", "asks", "urged", "urges", "predicted", "predicts", "estimated",
    "estimates", "suggested", "suggests", "announced", "announces", "confirmed", "confirms",
    "denied", "denies", "believes", "believed", "thinks", "expects", "expected",
    "commented", "comments", "remarked", "replied", "replies", "responded", "acknowledged",
    "acknowledges", "conceded", "concedes", "declared", "declares", "maintained",
    "maintains", "contended", "contends", "observed", "emphasised", "emphasized",
    "emphasises", "emphasizes", "reiterated", "recalled", "complained", "complains",
    "cautioned", "cautions", "forecast", "forecasts", "disclosed", "revealed", "reveals",
    "described", "describes", "reckons", "reckoned", "testified", "promised", "pledged",
    "vowed", "accused", "accuses", "blamed", "blames", "criticised", "criticized",
    "praised", "hopes", "feels", "fears", "agreed", "agrees", "mused", "joked", "quipped", "alleged", "alleges", "expressed", "expresses",
    "recounted", "concluded", "indicated", "projected", "reported", "countered", "boasted",
    "wondered", "proclaimed",
];

/// Cues that only count followed by a particular word ("pointed out", "according to").
pub const CUE_PAIRS: &[(&str, &str)] = &[
    ("according", "to"),
    ("pointed", "out"),
    ("points", "out"),
    ("called", "for"),
    ("calls", "for"),
    ("called", "on"),
    ("quoted", "as"),
    ("went", "on"),
];

/// Titles written before a name; they mark a person and start a role.
const HONORIFICS: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("mx", Gender::Unknown),
    ("dr", Gender::Unknown),
    ("prof", Gender::Unknown),
    ("professor", Gender::Unknown),
    ("sir", Gender::Male),
    ("dame", Gender::Female),
    ("lord", Gender::Male),
    ("lady", Gender::Female),
    ("baroness", Gender::Female),
    ("baron", Gender::Male),
    ("rev", Gender::Unknown),
    ("reverend", Gender::Unknown),
    ("fr", Gender::Male),
    ("father", Gender::Male),
    ("sister", Gender::Female),
    ("sen", Gender::Unknown),
    ("rep", Gender::Unknown),
    ("gov", Gender::Unknown),
    ("gen", Gender::Unknown),
    ("col", Gender::Unknown),
    ("capt", Gender::Unknown),
    ("lt", Gender::Unknown),
    ("sgt", Gender::Unknown),
    ("president", Gender::Unknown),
    ("senator", Gender::Unknown),
    ("governor", Gender::Unknown),
    ("king", Gender::Male),
    ("queen", Gender::Female),
    ("prince", Gender::Male),
    ("princess", Gender::Female),
    ("pope", Gender::Male),
    ("judge", Gender::Unknown),
    ("justice", Gender::Unknown),
    ("sheikh", Gender::Male),
    ("emir", Gender::Male),
    ("chancellor", Gender::Unknown),
    ("ambassador", Gender::Unknown),
    ("mayor", Gender::Unknown),
    ("coach", Gender::Unknown),
    ("inspector", Gender::Unknown),
    ("detective", Gender::Unknown),
    ("rabbi", Gender::Unknown),
    ("bishop", Gender::Unknown),
    ("archbishop", Gender::Unknown),
    ("cardinal", Gender::Unknown),
    ("premier", Gender::Unknown),
    ("commissioner", Gender::Unknown),
];

/// Nouns that name a role ("spokesman", "head", "analyst"): they start or fill a role
/// phrase and show that the name beside them is a person.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president",
    "vice-president", "chairman", "chairwoman", "chairperson", "chair", "chief",
    "executive", "director", "head", "leader", "governor", "mayor", "analyst", "economist",
    "professor", "coach", "manager", "boss", "captain", "editor", "ambassador",
    "commissioner", "official", "lawyer", "attorney", "chancellor", "senator",
    "congressman", "congresswoman", "representative", "mp", "msp", "mep", "deputy",
    "officer", "founder", "co-founder", "owner", "partner", "researcher", "scientist",
    "expert", "doctor", "judge", "prosecutor", "king", "queen", "prince", "princess",
    "premier", "adviser", "advisor", "strategist", "trader", "dealer", "consultant",
    "treasurer", "counsel", "striker", "midfielder", "defender", "goalkeeper", "keeper",
    "player", "singer", "actor", "actress", "star", "producer", "writer", "author", "ceo",
    "cfo", "coo", "general", "colonel", "commander", "inspector", "superintendent",
    "constable", "detective", "campaigner", "activist", "organiser", "organizer",
    "presenter", "host", "envoy", "negotiator", "delegate", "secretary-general",
    "director-general", "whip", "emir", "pope", "bishop", "archbishop", "teacher", "nurse",
    "surgeon", "physician", "historian", "novelist", "filmmaker", "composer", "musician",
    "artist", "designer", "architect", "engineer", "pilot", "driver", "champion", "athlete",
    "boxer", "jockey", "trainer", "referee", "umpire", "batsman", "bowler", "fly-half",
    "scrum-half", "winger", "lecturer", "fellow", "dean", "principal", "vicar", "priest",
    "rector", "curator", "economist", "statistician", "planner", "ecologist", "biologist",
    "epidemiologist", "virologist", "meteorologist", "forecaster", "inspector", "regulator",
    "spokesperson", "mother", "father", "wife", "husband", "son", "daughter", "brother",
    "sister", "uncle", "aunt", "widow", "founder", "chairman-elect", "president-elect",
    "ceo-designate", "undersecretary", "under-secretary", "administrator", "councillor",
    "councilor", "alderman", "sheriff", "marshal", "lieutenant", "sergeant", "major",
    "admiral", "commentator", "columnist", "correspondent", "reporter", "broker", "banker",
    "investor", "entrepreneur", "developer", "programmer", "specialist", "coordinator", "exchequer", "member",
    "co-ordinator", "supervisor", "controller", "auditor", "speaker",
];

/// Words that make a capitalised phrase an organisation, a place or a publication.
#[rustfmt::skip]
const ORGANISATION_WORDS: &[&str] = &[
    "ministry", "council", "institute", "institution", "university", "college", "school",
    "agency", "committee", "commission", "party", "inc", "ltd", "plc", "corp",
    "corporation", "co", "company", "companies", "bank", "banks", "group", "association",
    "federation", "union", "department", "office", "government", "board", "fund",
    "exchange", "authority", "service", "services", "trust", "foundation", "society",
    "club", "league", "court", "parliament", "assembly", "congress", "senate", "news",
    "times", "post", "journal", "herald", "guardian", "telegraph", "reuters", "press",
    "radio", "television", "tv", "network", "industries", "international", "holdings",
    "securities", "brothers", "bros", "associates", "capital", "investments", "motors",
    "airlines", "airways", "petroleum", "oil", "energy", "systems", "technologies",
    "technology", "electric", "financial", "communications", "insurance", "laboratories",
    "pharmaceuticals", "center", "centre", "organisation", "organization", "police", "army",
    "navy", "forces", "command", "embassy", "secretariat", "bureau", "administration",
    "cabinet", "team", "fc", "united", "city", "county", "rovers", "athletic", "ag", "sa",
    "nv", "gmbh", "spa", "bv", "llc", "lp", "limited", "chamber", "research", "studios",
    "records", "pictures", "entertainment", "media", "magazine", "daily", "weekly",
    "review", "gazette", "tribune", "coalition", "alliance", "movement", "front", "church",
    "hospital", "clinic", "academy", "museum", "gallery", "theatre", "theater", "festival",
    "awards", "sports", "house", "palace", "kremlin", "pentagon", "treasury", "fed",
    "reserve", "nations", "states", "republic", "kingdom", "street", "square", "airport",
    "port", "station", "market", "markets", "index", "report", "survey", "statement",
    "programme", "program", "project", "scheme", "plan", "act", "bill", "law", "treaty",
    "agreement", "conference", "summit", "cup", "championship", "championships", "open",
    "games", "olympics", "series", "world", "guard", "coast", "trading", "partners",
    "consulting", "management", "advisers", "advisors", "economics", "funds", "banco",
    "banca", "banque", "bancorp", "caisse", "credit", "compagnie", "societe", "gruppo",
    "grupo", "associates", "bancorporation", "chronicle", "inquirer", "examiner",
    "courier", "sentinel", "bulletin",
];

/// Capitalised words that open sentences or phrases but are never part of a name.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "but", "and", "or", "so", "yet", "however", "meanwhile", "moreover",
    "also", "in", "on", "at", "for", "from", "with", "by", "to", "of", "as", "after",
    "before", "when", "while", "if", "since", "though", "although", "because", "speaking",
    "asked", "writing", "according", "last", "this", "that", "these", "those", "it", "its",
    "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "there",
    "here", "then", "now", "today", "yesterday", "tomorrow", "earlier", "later", "both",
    "all", "some", "many", "most", "other", "another", "such", "what", "which", "who",
    "where", "why", "how", "former", "ex", "acting", "interim", "veteran", "senior",
    "junior", "top", "new", "not", "no", "yes", "only", "even", "just", "still", "under",
    "over", "about", "against", "between", "during", "without", "within", "into", "through",
    "instead", "indeed", "despite", "unlike", "like", "once", "every", "each", "neither",
    "nor", "either", "whether", "do", "does", "did", "is", "are", "was", "were", "be",
    "will", "would", "can", "could", "should", "may", "might", "must", "has", "have", "had",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "christmas",
    "easter", "god", "internet", "web", "sunday's", "dear", "thanks", "well", "oh", "sorry",
    "please", "let", "let's", "there's", "it's", "that's", "what's", "here's", "we're",
    "i'm", "i've", "i'd", "you're", "they're", "don't", "doesn't", "didn't", "can't",
    "won't", "isn't", "wasn't", "people", "mps", "labour", "tory", "tories", "conservative",
    "conservatives", "liberal", "democrat", "democrats", "republican", "republicans",
    "socialist", "communist", "british", "american", "european", "english", "scottish",
    "welsh", "irish", "french", "german", "russian", "chinese", "japanese", "indian",
    "african", "australian", "canadian", "italian", "spanish", "dutch", "swedish",
    "norwegian", "danish", "finnish", "polish", "brazilian", "mexican", "israeli",
    "palestinian", "iraqi", "iranian", "saudi", "arab", "turkish", "greek", "swiss",
    "belgian", "austrian", "korean", "soviet", "west", "east", "north", "south", "western",
    "eastern", "northern", "southern", "central", "national", "federal", "state", "royal",
    "official", "officials", "analysts", "experts", "sources", "traders", "dealers",
    "economists", "bankers", "industry", "company", "firm", "shares", "prices",
    "besides", "furthermore", "nevertheless", "nonetheless", "therefore", "thus", "hence",
    "likewise", "similarly", "additionally", "consequently", "accordingly", "eventually",
    "finally", "first", "second", "third", "next", "overall", "tonight", "recently",
    "currently", "previously", "initially", "ultimately", "perhaps", "maybe", "apparently",
    "clearly", "obviously", "fortunately", "unfortunately", "sadly", "hopefully", "notably",
    "especially", "particularly", "anyway", "again", "elsewhere", "afterwards", "soon",
    "already", "otherwise", "altogether", "nor",
];

/// Subject pronouns that can stand for a person speaker.
pub fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => None,
    }
}

/// A word list (with a value per word, for titles) and a quick first test: for each
/// first letter, the lengths its words have and the letters they end in. Most words fail
/// that test and are never hashed; a word of the list always passes it.
struct List<V = ()> {
    lengths: [u32; 32],
    endings: [u32; 32],
    words: HashMap<&'static str, V>,
}

impl<V: Copy> List<V> {
    fn new(words: impl IntoIterator<Item = (&'static str, V)>) -> Self {
        let mut list = List {
            lengths: [0; 32],
            endings: [0; 32],
            words: HashMap::default(),
        };
        for (word, value) in words {
            let (slot, length, ending) = Self::slot(word);
            list.lengths[slot] |= length;
            list.endings[slot] |= ending;
            list.words.insert(word, value);
        }
        list
    }

    /// The first letter's slot (case does not matter), the length's bit (31 and up share
    /// one) and the last letter's bit.
    #[inline(always)]
    fn slot(word: &str) -> (usize, u32, u32) {
        let bytes = word.as_bytes();
        let first = bytes.first().map_or(0, |b| usize::from(b & 31));
        let last = bytes.last().map_or(0, |b| b & 31);
        (first, 1 << word.len().min(31), 1 << last)
    }

    /// False for most words not in the list; true for every word in it.
    #[inline(always)]
    fn may_contain(&self, word: &str) -> bool {
        let (slot, length, ending) = Self::slot(word);
        self.lengths[slot] & length != 0 && self.endings[slot] & ending != 0
    }

    #[inline(always)]
    fn get(&self, word: &str) -> Option<V> {
        if !self.may_contain(word) {
            return None;
        }
        self.words.get(word).copied()
    }
}

impl List {
    fn of<'a>(words: impl IntoIterator<Item = &'a &'static str>) -> Self {
        List::new(words.into_iter().map(|word| (*word, ())))
    }

    #[inline(always)]
    fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

struct Lexicon {
    cues: List,
    frame_words: List,
    honorifics: List<Gender>,
    roles: List,
    organisations: List,
    not_names: List,
    family_first: List,
    given: HashMap<&'static str, Gender>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        cues: List::of(CUES),
        frame_words: List::of(
            CUES.iter()
                .chain(CUE_PAIRS.iter().map(|(first, _)| first))
                .chain(&["saying", "quoted"]),
        ),
        honorifics: List::new(HONORIFICS.iter().copied()),
        roles: List::of(ROLES),
        organisations: List::of(ORGANISATION_WORDS),
        not_names: List::of(NOT_NAMES),
        family_first: List::of(FAMILY_FIRST),
        given: include_str!("first_names.txt")
            .lines()
            .filter_map(|line| {
                let (name, gender) = line.split_once('\t')?;
                let gender = match gender {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    _ => Gender::Unknown,
                };
                Some((name, gender))
            })
            .collect(),
    })
}

/// A verb that reports speech or a stated view ("said", "warned"): the heart of a frame.
pub fn is_cue(word: &str) -> bool {
    // Every cue ends in d, e, s, t or y: most words are ruled out without hashing.
    matches!(
        word.as_bytes().last(),
        Some(b'd' | b'e' | b's' | b't' | b'y')
    ) && lexicon().cues.contains(word)
}

/// A word a verbal frame may start from: a cue, the first word of a cue pair, "saying"
/// or "quoted". Any other word is ruled out with one lookup.
pub fn may_start_frame(word: &str) -> bool {
    lexicon().frame_words.contains(word)
}

/// The quick first test of [`may_start_frame`], without hashing: false for most words,
/// true for every word that may start a frame.
#[inline]
pub fn might_start_frame(word: &str) -> bool {
    lexicon().frame_words.may_contain(word)
}

/// The gender a title before a name implies ("mr", "dr"), or `None` when the word is
/// not a title: a title marks the name after it as a person's.
pub fn honorific(word: &str) -> Option<Gender> {
    lexicon().honorifics.get(word)
}

/// A role noun, singular or plural ("commissioners").
pub fn is_role(word: &str) -> bool {
    let roles = &lexicon().roles;
    roles.contains(word)
        || word
            .strip_suffix('s')
            .is_some_and(|one| roles.contains(one))
}

/// Letters after a name that are not part of it ("Guy Mansfield QC", "John Smith Jr").
pub fn is_name_suffix(word: &str) -> bool {
    matches!(
        word,
        "qc" | "kc"
            | "mp"
            | "mep"
            | "msp"
            | "jr"
            | "sr"
            | "ii"
            | "iii"
            | "iv"
            | "obe"
            | "cbe"
            | "mbe"
            | "phd"
    )
}

/// A word that makes a capitalised phrase an organisation, a place or a publication
/// ("ministry", "university"), so that the phrase is not read as a person.
pub fn is_organisation_word(word: &str) -> bool {
    lexicon().organisations.contains(word)
}

/// A capitalised word that opens sentences or phrases ("The", "However") but is never
/// part of a name, so that it is not taken into one.
pub fn is_not_name(word: &str) -> bool {
    lexicon().not_names.contains(word)
}

/// Family names of China, Korea and Vietnam, which news in English writes before the
/// given name ("Liu Xiaming", "Moon Jae-in", "Nguyen Xuan Phuc"), so that a later bare
/// "Liu" means the person. Japanese names are mostly written given name first.
const FAMILY_FIRST: &[&str] = &[
    "bai", "cai", "cao", "chan", "chen", "cheng", "cheung", "cho", "choi", "chow", "chung", "cui",
    "dang", "deng", "ding", "dong", "du", "duong", "fang", "feng", "fu", "gao", "geng", "gu",
    "guo", "han", "hao", "ho", "hoang", "hong", "hou", "hu", "hua", "huang", "hwang", "jang",
    "jeong", "jia", "jiang", "jin", "jung", "kang", "kim", "kong", "kwok", "kwon", "lai", "lam",
    "lau", "lee", "leung", "li", "liang", "liao", "lim", "lin", "liu", "lu", "luo", "ma", "mao",
    "meng", "moon", "ng", "ngo", "nguyen", "pan", "park", "peng", "pham", "phan", "qian", "qin",
    "ren", "shen", "shin", "song", "su", "sun", "tan", "tang", "tian", "tran", "tsang", "vo", "vu",
    "wan", "wang", "wei", "wong", "wu", "xi", "xia", "xiao", "xie", "xu", "xue", "yan", "yang",
    "yao", "ye", "yip", "yoon", "yu", "yuan", "zeng", "zhang", "zhao", "zheng", "zhong", "zhou",
    "zhu",
];

/// Whether a (folded) word is a family name written before the given name.
pub fn family_name_first(word: &str) -> bool {
    lexicon().family_first.contains(word)
}

/// The gender a given name usually has, or `None` when it is not a known given name.
pub fn given_name(word: &str) -> Option<Gender> {
    lexicon().given.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_ascii() {
        let all = CUES
            .iter()
            .chain(ROLES)
            .chain(ORGANISATION_WORDS)
            .chain(NOT_NAMES)
            .chain(FAMILY_FIRST)
            .chain(HONORIFICS.iter().map(|(w, _)| w));
        for word in all {
            assert!(
                word.chars()
                    .all(|c| !c.is_ascii_uppercase() && c.is_ascii()),
                "{word}"
            );
        }
    }

    #[test]
    fn every_cue_passes_the_last_letter_filter() {
        for cue in CUES {
            assert!(is_cue(cue), "{cue}");
        }
        assert!(!is_cue("the"));
    }

    #[test]
    fn every_word_a_frame_starts_from_passes_the_first_test() {
        let pairs = CUE_PAIRS.iter().map(|(first, _)| first);
        for word in CUES.iter().chain(pairs).chain(&["saying", "quoted"]) {
            assert!(may_start_frame(word), "{word}");
            assert!(might_start_frame(word), "{word}");
        }
        assert!(!may_start_frame("the"));
        assert!(!may_start_frame("sad"));
        // The quick test alone rules out common words: the article, and a word that
        // shares "said"'s first letter and length but not its last letter.
        assert!(!might_start_frame("the"));
        assert!(!might_start_frame("sale"));
    }

    #[test]
    fn given_names_are_loaded_with_gender() {
        assert_eq!(given_name("andrei"), Some(Gender::Male));
        assert_eq!(given_name("marta"), Some(Gender::Female));
        assert_eq!(given_name("comissaria"), None);
        assert_eq!(honorific("mrs"), Some(Gender::Female));
    }
}
