// The first one or two letters of every indexed word, kept in a value slot
// (kSlotBeginnings) as "\xff" + beginning for each distinct one, so that a
// short wildcard beside other words ("a* kommun") checks one value per
// match of the words (BeginningSource) instead of thousands of stems' posting
// lists (or the 64 most frequent of them), and finds every word that begins
// so. A value, not terms: terms for the beginnings doubled the terms of a
// document and made building the index about 40 % more costly.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace samrad::search {

// Beginnings of 1 up to this many characters are found by the value.
inline constexpr size_t kIndexedBeginningChars = 2;

// The kSlotBeginnings value of doc: the beginnings of its text stems (the
// terms of kPrefixStemmed and no field prefix), which BuildDocument has
// indexed. Empty when it has none.
std::string BeginningsValue(const Xapian::Document& doc);

// The kSlotInitials value for a kSlotBeginnings value: one bit for each
// first character (a-z, 0-9, å, ä, ö, é, ü; any other shares one), eight
// bytes, so that a one-letter wildcard reads a small value. Pure.
std::string InitialsValue(const std::string& beginnings);

// True when beginning (lower case) can be checked in the value: it has
// 1 up to kIndexedBeginningChars characters. Pure.
bool BeginningIndexed(const std::string& beginning);

// True when value (of BeginningsValue) has a stem that begins with
// beginning (of BeginningIndexed). Pure.
bool HasBeginning(const std::string& value, const std::string& beginning);

// A wildcard of beginning (BeginningIndexed) as a filter: the documents
// whose value has it. Matches without weight; meant beside words, which
// lead the matcher, since alone it reads every document's value.
Xapian::Query BeginningFilter(const std::string& beginning);

// The same check of every one of beginnings (each BeginningIndexed) as a
// match decider: run beside the words alone, in order of relevance, the
// matcher asks it only of matches whose weight can still reach the page
// (after the first thousand), instead of every match of the words.
std::unique_ptr<Xapian::MatchDecider> BeginningsCheck(const std::vector<std::string>& beginnings);

}  // namespace samrad::search
