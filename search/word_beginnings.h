// The first one or two characters of every indexed word, kept in value
// slots, so that a short wildcard beside other words ("a* kommun") checks a
// few bytes per match of the words instead of thousands of stems' posting
// lists (or the 64 most frequent of them), and finds every word that begins
// so. Values, not terms: terms for the beginnings doubled the terms of a
// document and made building the index about 40 % more costly.
//
// kSlotInitials: the first characters as bits (a-z, 0-9, å, ä, ö, é, ü; any
// other shares one), eight bytes. kSlotSeconds + a character's bit: the
// distinct second characters of the stems that begin with it ("ko" is an
// "o" in k's slot), so that checking "ko" for every match of a word streams
// through the small values of k's slot, not everyone's beginnings.
// kSlotBeginnings: "\xff" + beginning for the stems whose first character
// shares the other bit.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace samrad::search {

// Beginnings of 1 up to this many characters are found by the value.
inline constexpr size_t kIndexedBeginningChars = 2;

// Adds the beginning values of doc's text stems (the terms of
// kPrefixStemmed and no field prefix), which BuildDocument has indexed:
// none when it has none.
void AddBeginningValues(Xapian::Document& doc);

// True when beginning (lower case) can be checked in the value: it has
// 1 up to kIndexedBeginningChars characters. Pure.
bool BeginningIndexed(const std::string& beginning);

// True when doc (with the values of AddBeginningValues) has a stem that
// begins with beginning (of BeginningIndexed).
bool HasBeginning(const Xapian::Document& doc, const std::string& beginning);

// A wildcard of beginning (BeginningIndexed) as a filter: the documents
// whose values have it. Matches without weight; meant beside words, which
// lead the matcher, since alone it reads every document's value.
Xapian::Query BeginningFilter(const std::string& beginning);

// The same check of every one of beginnings (each BeginningIndexed) as a
// match decider: run beside the words alone, in order of relevance, the
// matcher asks it only of matches whose weight can still reach the page
// (after the first thousand), instead of every match of the words.
std::unique_ptr<Xapian::MatchDecider> BeginningsCheck(const Xapian::Database& db,
                                                     const std::vector<std::string>& beginnings);

}  // namespace samrad::search
