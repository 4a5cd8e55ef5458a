//! One test per attribution pattern, on small invented sentences.

use super::*;

fn speakers(body: &str) -> Vec<Speaker> {
    extract(&Article {
        body: body.to_string(),
        ..Article::default()
    })
}

fn names(body: &str) -> Vec<String> {
    speakers(body).into_iter().map(|s| s.name).collect()
}

fn quotes_of(body: &str, name: &str) -> Vec<String> {
    speakers(body)
        .into_iter()
        .find(|s| s.name == name)
        .map(|s| s.quotes.into_iter().map(|q| q.text).collect())
        .unwrap_or_default()
}

#[test]
fn direct_quote_with_the_speaker_after_it() {
    let body = "\"The harbour will be ready by spring,\" Marta Kowalczyk said.";
    assert_eq!(names(body), vec!["Marta Kowalczyk"]);
    assert_eq!(
        quotes_of(body, "Marta Kowalczyk"),
        vec!["The harbour will be ready by spring,"]
    );
}

#[test]
fn direct_quote_with_the_cue_before_the_name() {
    let body = "\u{201C}We cannot wait another winter,\u{201D} said Helen Oduya, an epidemiologist at the clinic.";
    let found = speakers(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Helen Oduya");
    assert_eq!(
        found[0].role.as_deref(),
        Some("epidemiologist at the clinic")
    );
}

#[test]
fn direct_quote_introduced_with_a_colon() {
    let body = "Kenji Moriyama told reporters: \"The line reopens on Monday morning.\"";
    assert_eq!(
        quotes_of(body, "Kenji Moriyama"),
        vec!["The line reopens on Monday morning."]
    );
}

#[test]
fn indirect_speech_keeps_the_reported_clause() {
    let body = "Priya Raman said that the quota would be cut by a fifth next year.";
    assert_eq!(
        quotes_of(body, "Priya Raman"),
        vec!["the quota would be cut by a fifth next year"]
    );
}

#[test]
fn according_to_names_the_speaker() {
    let body = "According to Lars Brekke, the fleet lost three weeks of fishing to storms.";
    assert_eq!(names(body), vec!["Lars Brekke"]);
    assert_eq!(
        quotes_of(body, "Lars Brekke"),
        vec!["the fleet lost three weeks of fishing to storms"]
    );
}

#[test]
fn role_in_apposition_and_title_before_the_name() {
    let body = "Andrei Sokolenko, head of the Northern Policy Forum, said talks would resume. \
                Energy minister Grace Mbeki-Laurent said the terminal was safe.";
    let found = speakers(body);
    assert_eq!(
        found[0].role.as_deref(),
        Some("head of the Northern Policy Forum")
    );
    assert_eq!(found[1].name, "Grace Mbeki-Laurent");
    assert_eq!(found[1].role.as_deref(), Some("Energy minister"));
}

#[test]
fn split_quote_stays_with_one_speaker() {
    let body =
        "\"We have waited long enough,\" said Sarah Whitcombe. \"The council must act now.\"";
    assert_eq!(
        quotes_of(body, "Sarah Whitcombe"),
        vec!["We have waited long enough,", "The council must act now."]
    );
}

#[test]
fn a_quote_running_over_paragraphs_keeps_its_speaker() {
    let body =
        "Dmitry Lavrentiev said: \"The ice came early this year and the ships were not ready.\n\n\
                \"Next season we will start a month sooner.\"";
    assert_eq!(quotes_of(body, "Dmitry Lavrentiev").len(), 2);
}

#[test]
fn surname_and_title_back_references_resolve_to_the_full_name() {
    let body = "Tomás Echeverría runs the port. Mr Echeverría said the cranes were old. \
                \"We need new ones,\" Echeverría added.";
    let found = speakers(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Tomás Echeverría");
    assert_eq!(found[0].aliases, vec!["Mr Echeverría", "Echeverría"]);
    assert_eq!(found[0].quotes.len(), 2);
}

#[test]
fn pronouns_resolve_to_the_person_just_named_or_to_nobody() {
    let body = "Helen Oduya opened the ward on Tuesday.\n\nShe said it would halve waiting times.";
    assert_eq!(names(body), vec!["Helen Oduya"]);
    let nobody = "The ward opened on Tuesday. He said it would halve waiting times.";
    assert!(names(nobody).is_empty());
    let mismatch = "Mr Brekke opened the ward. She said it would halve waiting times.";
    assert!(names(mismatch).is_empty());
}

#[test]
fn organisations_and_unnamed_sources_are_not_speakers() {
    let body = "The Energy Ministry said prices would rise. Reuters reported the deal. \
                A spokesman said the plant was closed. Analysts said demand was weak. \
                Northgate Power said in a statement that it regretted the outage. \
                \"We are looking into it,\" the council said.";
    assert!(names(body).is_empty(), "{:?}", names(body));
}

#[test]
fn people_merely_mentioned_or_declining_are_not_speakers() {
    let body = "Lars Brekke visited the harbour on Monday. Priya Raman declined to comment. \
                Kenji Moriyama did not say when the line would reopen.";
    assert!(names(body).is_empty(), "{:?}", names(body));
}

#[test]
fn transliteration_variants_merge_and_similar_surnames_stay_apart() {
    let body = "Andrei Sokolenko said the pipeline was full. Andrey Sokolenko later added \
                that repairs were planned. Olga Ivanova said the tanks were empty. \
                Pavel Ivanov said they were not.";
    let found = speakers(body);
    let names: Vec<_> = found.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Andrei Sokolenko", "Olga Ivanova", "Pavel Ivanov"]
    );
    assert_eq!(found[0].aliases, vec!["Andrey Sokolenko"]);
}

#[test]
fn two_people_sharing_a_surname_are_not_merged_by_a_bare_surname() {
    let body = "Olga Brekke said the nets were torn. Lars Brekke said they were new. \
                Brekke added that the season was over.";
    let found = speakers(body);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|s| s.quotes.len() == 1));
}

#[test]
fn names_given_by_the_data_are_evidence_not_speakers() {
    let article = Article {
        body: "Kiri Tanabe said the count was wrong. Wiremu Hale met the mayor.".into(),
        tags: vec!["Kiri Tanabe".into(), "Wiremu Hale".into()],
        ..Article::default()
    };
    let found: Vec<_> = extract(&article).into_iter().map(|s| s.name).collect();
    assert_eq!(found, vec!["Kiri Tanabe"]);
}

#[test]
fn keys_fold_case_accents_titles_initials_and_transliteration() {
    assert_eq!(
        identity_key("Dr Marta Kowalczyk"),
        identity_key("marta kowalczyk")
    );
    assert_eq!(
        identity_key("TOMÁS Echeverría"),
        identity_key("Tomas Echeverria")
    );
    assert_eq!(
        identity_key("Andrey A. Kortunov"),
        identity_key("Andrei Kortunov")
    );
    assert_eq!(
        identity_key("Dmitri Lavrentiev"),
        identity_key("Dmitriy Lavrentiev")
    );
    assert_ne!(identity_key("Olga Ivanova"), identity_key("Olga Ivanov"));
    assert_eq!(display_name("Prof. Helen Oduya"), "Helen Oduya");
}

#[test]
fn a_name_joined_to_a_plain_noun_phrase_still_speaks() {
    let body = "Priya Raman and other fisheries ministers say the quota must fall.";
    assert_eq!(names(body), vec!["Priya Raman"]);
}

#[test]
fn an_apposition_without_its_closing_comma_still_gives_the_speaker() {
    let body =
        "Lars Brekke, chairman of Nordvik Seafood Corp <NSC> told Reuters that prices would rise.";
    let found = speakers(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Lars Brekke");
    assert_eq!(
        found[0].role.as_deref(),
        Some("chairman of Nordvik Seafood Corp")
    );
}

#[test]
fn letters_after_a_name_mark_a_person_but_a_numbered_company_is_not_one() {
    assert_eq!(
        names("Guy Mansfield QC warned the bill went too far."),
        vec!["Guy Mansfield"]
    );
    assert!(names("Mark IV said it owns 9.9 pct of the shares.").is_empty());
}

#[test]
fn a_person_from_an_organisation_is_the_speaker_not_the_organisation() {
    let body =
        "Priya Raman from the Agency's Office of Fisheries told the panel that stocks were low.";
    assert_eq!(names(body), vec!["Priya Raman"]);
}

#[test]
fn quoted_as_saying_names_the_speaker_despite_the_passive() {
    let body = "Trade minister Kenji Moriyama was quoted as saying the plant would open.";
    assert_eq!(names(body), vec!["Kenji Moriyama"]);
    assert!(names("The plant is said to be ready.").is_empty());
}

#[test]
fn two_people_named_together_both_speak() {
    let body = "Commissioners Lars Brekke and Wiremu Tane told the committee the rules would fail.";
    assert_eq!(names(body), vec!["Lars Brekke", "Wiremu Tane"]);
}

#[test]
fn a_paper_quoting_someone_as_saying_names_them() {
    let body =
        "The Nordvik Post quoted Jan Holm, a port official, as saying that ships would wait.";
    let found = speakers(body);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Jan Holm");
    assert_eq!(found[0].role.as_deref(), Some("port official"));
    assert_eq!(found[0].quotes[0].text, "ships would wait");
}

#[test]
fn a_lone_title_or_a_based_company_is_not_a_person() {
    assert!(names("The General said the troops would stay.").is_empty());
    let body = "Houston-based Continental said it would cut fares.";
    assert!(names(body).is_empty(), "{:?}", names(body));
}

#[test]
fn words_given_through_a_noun_name_their_speaker() {
    let body = "Comments by Bundesbank board member Lars Brekke yesterday that rates must fall \
                moved markets. They denied a statement yesterday by Energy minister Priya Raman \
                that the plant was safe.";
    let found = speakers(body);
    let names: Vec<_> = found.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Lars Brekke", "Priya Raman"]);
    assert_eq!(found[0].quotes[0].text, "rates must fall moved markets");
}

#[test]
fn a_second_person_joined_with_a_role_speaks_too() {
    let body = "Kenji Moriyama and his business partner Lars Brekke said they would not sell.";
    assert_eq!(names(body), vec!["Kenji Moriyama", "Lars Brekke"]);
}

#[test]
fn a_possessive_place_before_a_title_keeps_the_name() {
    let body = "Nordvik's Prime Minister Kenji Moriyama opened talks. \"We will not sign,\" Moriyama told the committee.";
    assert_eq!(names(body), vec!["Kenji Moriyama"]);
}

#[test]
fn maintained_the_momentum_is_play_not_speech() {
    assert!(
        names("Lars Brekke won the first set. And he maintained the momentum early.").is_empty()
    );
    assert_eq!(
        names("Lars Brekke maintained that the vote was fair."),
        vec!["Lars Brekke"]
    );
}

#[test]
fn saying_after_a_comma_belongs_to_the_person_who_opens_the_sentence() {
    let body = "Priya Raman welcomed the ruling, saying it would protect the coast.";
    assert_eq!(
        quotes_of(body, "Priya Raman"),
        vec!["it would protect the coast"]
    );
    let nobody = "The ministry welcomed the ruling, saying it would protect the coast.";
    assert!(names(nobody).is_empty());
}

#[test]
fn an_expressed_view_is_reported_speech() {
    let body = "Kenji Moriyama expressed satisfaction at the new timetable.";
    assert_eq!(names(body), vec!["Kenji Moriyama"]);
}

/// [`identity_key`] as first written, a word at a time, each skeleton its own string
/// (made from a lower-cased copy of the word): the reference that the key written in one
/// buffer must agree with.
fn identity_key_word_by_word(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && lexicon::honorific(words[0]).is_some() {
        words.remove(0);
    }
    let count = words.len();
    words
        .iter()
        .enumerate()
        .filter(|(i, w)| *i == 0 || *i + 1 == count || w.len() > 1)
        .map(|(_, w)| skeleton_from_a_copy(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn skeleton_from_a_copy(word: &str) -> String {
    let folded = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        fold(word)
    };
    let (prefix, letters) = if let Some(rest) = folded.strip_prefix("ye") {
        ("e", rest.as_bytes())
    } else if let Some(rest) = folded.strip_prefix("mac") {
        ("mc", rest.as_bytes())
    } else {
        ("", folded.as_bytes())
    };
    let mut out = String::from(prefix);
    let mut i = 0;
    while i < letters.len() {
        let next = letters.get(i + 1).copied();
        let piece: &str = match (letters[i], next) {
            (c, _) if !c.is_ascii_alphanumeric() => "",
            (b'x', _) => "ks",
            (b'k', Some(b'h')) => {
                i += 1;
                "h"
            }
            (b'i', Some(b'j')) if i + 2 == letters.len() => {
                i += 1;
                "i"
            }
            (b'y', _) => "i",
            (b'w', _) => "v",
            (c, _) => {
                let c = c as char;
                if !out.ends_with(c) {
                    out.push(c);
                }
                i += 1;
                continue;
            }
        };
        for c in piece.chars() {
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        i += 1;
    }
    out
}

proptest::proptest! {
    #[test]
    fn keys_written_in_one_buffer_are_the_keys_built_word_by_word(
        name in "(Dr\\.? |Mr |Prof )?[A-Za-zÀ-ÿ'’.-]{0,9}( [A-Za-zÀ-ÿ.]{0,3})?( [A-Za-zÀ-ÿ'-]{1,12}){0,2}"
    ) {
        proptest::prop_assert_eq!(identity_key(&name), identity_key_word_by_word(&name));
    }

    #[test]
    fn a_skeleton_is_the_skeleton_of_a_lower_cased_copy(word in "[A-Za-zÀ-ÿ'’.-]{0,14}") {
        proptest::prop_assert_eq!(names::skeleton(&word), skeleton_from_a_copy(&word));
    }
}

#[test]
fn skeletons_merge_spellings_in_either_case() {
    for (a, b) in [
        ("YEVGENY", "evgeny"),
        ("MacDonald", "MCDONALD"),
        ("Khodorkovsky", "hodorkovskii"),
        ("Maximilian", "Maksimilian"),
        ("Dmitrij", "Dmitri"),
    ] {
        assert_eq!(names::skeleton(a), names::skeleton(b), "{a} / {b}");
    }
    assert_eq!(names::skeleton("Xi"), "ksi");
    assert_eq!(names::skeleton("Ivanova"), "ivanova");
}

#[test]
fn for_the_index_quotes_keep_their_ranges_without_their_words() {
    let body = "\"The harbour will be ready by spring,\" Marta Kowalczyk said. Mr Sokolenko \
                said the fees would rise. \"Not this year,\" he added.";
    let article = Article {
        body: body.to_string(),
        ..Article::default()
    };
    let full = extract(&article);
    let ranged = extract_for_index(&article);
    let without_words = |speakers: Vec<Speaker>| -> Vec<Speaker> {
        speakers
            .into_iter()
            .map(|mut s| {
                s.quotes.iter_mut().for_each(|q| q.text.clear());
                s
            })
            .collect()
    };
    assert_eq!(ranged, without_words(full.clone()));
    let quotes: Vec<(&str, &str)> = full
        .iter()
        .flat_map(|s| {
            s.quotes
                .iter()
                .map(|q| (s.name.as_str(), &body[q.start..q.end]))
        })
        .collect();
    assert_eq!(
        quotes,
        vec![
            ("Marta Kowalczyk", "The harbour will be ready by spring,"),
            ("Sokolenko", "the fees would rise"),
            ("Sokolenko", "Not this year,"),
        ]
    );
}

#[test]
fn speech_reported_inside_somebody_else_s_quotation_is_theirs() {
    // The ministry's words report what two people agreed: neither of them is quoted.
    let body = "\"Both Governor Tomas Varga and Mayor Elin Sund agreed that the bridge must \
                be rebuilt quickly,\" the ministry said in a statement.\n\n\"The money is \
                there,\" Helen Oduya said.";
    assert_eq!(names(body), vec!["Helen Oduya"]);
}

#[test]
fn told_with_only_the_listener_after_it_has_no_words() {
    let body = "Lars Brekke said the port would reopen in May. Kenji Moriyama told Nordvik Radio.";
    assert_eq!(names(body), vec!["Lars Brekke", "Kenji Moriyama"]);
    assert_eq!(quotes_of(body, "Kenji Moriyama"), Vec::<String>::new());
}

#[test]
fn a_role_with_a_hyphen_between_the_cue_and_the_name() {
    let body = "Rain falls on every moon of the ringed planet, said study co-author Quilla \
                Marrowby, a research fellow at the agency.";
    assert_eq!(names(body), vec!["Quilla Marrowby"]);
    let body = "Rain falls everywhere on Vesta, but the equator is drier than the poles, \
                said study co-author Quilla Marrowby, a European Space Agency research fellow.";
    assert_eq!(names(body), vec!["Quilla Marrowby"]);
}

#[test]
fn the_last_words_of_a_full_name_are_the_person() {
    let body = "Joel Varsten Ek fed the puck to the winger for the first goal.\n\n\
                \u{201C}I didn\u{2019}t see him coming,\u{201D} Varsten Ek said.\n\n\
                The singer Tilda Van Der Mool sang before the game.\n\n\
                \u{201C}It was cold out there,\u{201D} Van Der Mool said.";
    assert_eq!(names(body), vec!["Joel Varsten Ek", "Tilda Van Der Mool"]);
}

#[test]
fn a_family_name_written_first_is_the_one_a_bare_name_means() {
    let body = "Ambassador Liu Wenqiang said the talks would go on.\n\n\
                Liu said that the garrison could help keep order.";
    assert_eq!(names(body), vec!["Liu Wenqiang"]);
    assert_eq!(
        quotes_of(body, "Liu Wenqiang"),
        vec![
            "the talks would go on",
            "the garrison could help keep order"
        ]
    );
}

#[test]
fn a_name_that_owns_the_cue_word_does_not_speak() {
    for apostrophe in ["'", "\u{2019}"] {
        let body = format!(
            "The councillor linked the fire to host Dana Quarrel{apostrophe}s comments on \
             the budget."
        );
        assert!(names(&body).is_empty(), "{body}");
    }
}

#[test]
fn capitalised_words_before_a_given_name_are_not_the_name() {
    let body = "Harbourside DL Thomas Wexley said the fight should never have started.\n\n\
                Employee Steve Carranza tells the paper that he chased the man for a block.\n\n\
                Bank Julius Marrowfield said its profit rose.\n\n\
                The former envoy to Ukraine Marie Quasthoff testified on Friday.";
    assert_eq!(names(body), vec!["Thomas Wexley", "Steve Carranza"]);
}

#[test]
fn an_adverb_between_the_name_and_the_cue() {
    let body = "The singer Ally Quennell won the round.\n\n\
                \u{201C}Can I give it to him?\u{201D} Quennell tearfully asked.";
    assert_eq!(names(body), vec!["Ally Quennell"]);
    assert_eq!(
        quotes_of(body, "Ally Quennell"),
        vec!["Can I give it to him?"]
    );
}

#[test]
fn where_or_how_words_were_said_is_not_what_was_said() {
    let body = "Helen Orlo said in a statement on Tuesday.\n\n\
                Helen Orlo said on Monday that the bridge would reopen in May.\n\n\
                Mark Kettering said as much.";
    assert_eq!(
        quotes_of(body, "Helen Orlo"),
        vec!["the bridge would reopen in May"]
    );
    assert!(quotes_of(body, "Mark Kettering").is_empty());
}

#[test]
fn a_quotation_followed_by_a_role_and_the_name() {
    let body = "\"We checked every sample twice,\" Goddard planetary scientist Helen Mandell \
                said of the find.";
    assert_eq!(
        quotes_of(body, "Helen Mandell"),
        vec!["We checked every sample twice,"]
    );
}

#[test]
fn an_inverted_cue_with_a_role_the_lexicon_does_not_know() {
    let body = "\"Organics matter for life on the moon,\" said planetary geologist Rosmary \
                Tellen of the laboratory.\n\n\
                \"The crust is thin,\" added Tellen.\n\n\
                \"It is cold,\" said in New Harbour the guide.";
    assert_eq!(names(body), vec!["Rosmary Tellen"]);
    assert_eq!(
        quotes_of(body, "Rosmary Tellen"),
        vec![
            "Organics matter for life on the moon,",
            "The crust is thin,"
        ]
    );
}

#[test]
fn a_pronoun_after_the_cue_opens_the_words_of_the_name_before() {
    let body = "The festival drew Oliver Marrant and Jeremy Quillon.\n\n\
                Quillon, whose film is in the competition, said he had wondered whether to \
                come.\n\n\
                Voters go to the polls in a General Election widely expected in May.";
    assert_eq!(names(body), vec!["Jeremy Quillon"]);
}
