// Field paths: where a value sits in a plan, as findings, the app's widgets and the server's
// answers name it ("rows[3].planned[2023]", "applicant.members[1].name",
// "declarations.mentorship.motivation"). One type builds them, parses them and names them
// for a person in Dutch; nobody concatenates or takes apart such a string by hand.
//
// The text form: names joined by '.', each optionally followed by indices in brackets
// ("split[1]"); a path may start with an index ("[0].name"). An index is a position in a
// list or a project year (the year a project year starts). A name is a letter or '_'
// followed by letters, digits and '_'.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "samenleven/catalogue.h"
#include "samenleven/plan.h"

namespace samenleven {

struct PathSegment {
    std::string name;                // a field name; empty for an index right after another index
    std::optional<long long> index;  // "[3]": a position in a list, or a project year; never negative

    bool operator==(const PathSegment&) const = default;
};

struct FieldPath {
    std::vector<PathSegment> segments;

    // Builders: FieldPath::row(3).field("planned").at(2023) is "rows[3].planned[2023]".
    static FieldPath of(std::string name);    // one field: "title", "applicant"
    static FieldPath row(std::size_t r);      // "rows[r]"
    static FieldPath member(std::size_t m);   // "applicant.members[m]"
    FieldPath field(std::string name) const&;  // this + ".name"
    FieldPath field(std::string name) &&;
    FieldPath at(long long index) const&;      // this + "[index]"
    FieldPath at(long long index) &&;

    // Accessors.
    std::optional<std::size_t> row_index() const;  // r of a leading "rows[r]"
    // The project year of the last "planned[y]" or "results[y]" (a start year, e.g. 2023).
    std::optional<int> year() const;
    // The index after the first segment named `name`: index_of("split") of
    // "rows[2].split[1].planned[2022]" is 1.
    std::optional<long long> index_of(std::string_view name) const;
    bool has(std::string_view name) const;  // some segment is named `name`
    bool empty() const { return segments.empty(); }

    std::string str() const;  // the text form; the same as to_string(*this)

    bool operator==(const FieldPath&) const = default;
};

std::string to_string(const FieldPath& path);

// Strict: the whole text must be a path as described above; an empty text, an empty name
// (".a", "a..b", "a."), an unclosed, empty, signed, zero-padded or overflowing index, or
// anything after a closing bracket but '.' or '[' gives nullopt.
std::optional<FieldPath> parse_field_path(std::string_view text);

// A JSON Pointer (RFC 6901) into a plan document as a field path: "/rows/3/planned/2023" ->
// rows[3].planned[2023]. A part of digits only is an index; "" is the empty path.
FieldPath field_path_from_pointer(std::string_view pointer);

// --- Names for people (Dutch) -------------------------------------------------------------

// A row the way a coordinator knows it: the action's number and name from the catalogue and,
// when the action has more than one target group, the group: "actie 5 (Oefenkansen
// Nederlands)", "actie 9 (Toeleiding naar de arbeidsmarkt, nieuwkomers)"; "actie 99" for an
// action the catalogue does not know. Lower case: it is used inside sentences.
std::string describe_row(const Catalogue& catalogue, int action, std::string_view target_group);
// Row r of the plan; "rij r+1" (counted from 1) when the plan has no such row.
std::string describe_row(const Plan& plan, const Catalogue& catalogue, std::size_t r);

// The field's Dutch name and where it is, innermost place first, starting with a capital:
// "Extra bereik 2022-2023, actie 5 (Oefenkansen Nederlands)", "Naam, gemeente 2 (Hamme)",
// "Motivatie, verklaring mentorschap", "Telefoon, contactpersoon". Rows and governments are
// named from the plan and the catalogue, never by a 0-based index. Names that are not plan
// fields are given as they are.
std::string describe_path(const Plan& plan, const Catalogue& catalogue, const FieldPath& path);

}  // namespace samenleven
