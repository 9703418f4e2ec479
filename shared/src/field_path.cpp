#include "samenleven/field_path.h"

#include <climits>
#include <utility>

namespace samenleven {

// [SECTION] Building

FieldPath FieldPath::of(std::string name) {
    FieldPath path;
    path.segments.push_back({std::move(name), std::nullopt});
    return path;
}

FieldPath FieldPath::row(std::size_t r) { return of("rows").at(static_cast<long long>(r)); }

FieldPath FieldPath::member(std::size_t m) { return of("applicant").field("members").at(static_cast<long long>(m)); }

FieldPath FieldPath::field(std::string name) const& { return FieldPath(*this).field(std::move(name)); }

FieldPath FieldPath::field(std::string name) && {
    segments.push_back({std::move(name), std::nullopt});
    return std::move(*this);
}

FieldPath FieldPath::at(long long index) const& { return FieldPath(*this).at(index); }

FieldPath FieldPath::at(long long index) && {
    if (segments.empty() || segments.back().index)
        segments.push_back({std::string(), index});
    else
        segments.back().index = index;
    return std::move(*this);
}

// [SECTION] Accessors

std::optional<std::size_t> FieldPath::row_index() const {
    if (segments.empty() || segments.front().name != "rows" || !segments.front().index) return std::nullopt;
    return static_cast<std::size_t>(*segments.front().index);
}

std::optional<int> FieldPath::year() const {
    for (auto it = segments.rbegin(); it != segments.rend(); ++it)
        if ((it->name == "planned" || it->name == "results") && it->index && *it->index <= INT_MAX)
            return static_cast<int>(*it->index);
    return std::nullopt;
}

std::optional<long long> FieldPath::index_of(std::string_view name) const {
    for (const auto& segment : segments)
        if (segment.name == name) return segment.index;
    return std::nullopt;
}

bool FieldPath::has(std::string_view name) const {
    for (const auto& segment : segments)
        if (segment.name == name) return true;
    return false;
}

// [SECTION] Text form

std::string FieldPath::str() const {
    std::string text;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const PathSegment& segment = segments[i];
        if (!segment.name.empty()) {
            if (i > 0) text.push_back('.');
            text.append(segment.name);
        }
        if (segment.index) text.append("[").append(std::to_string(*segment.index)).append("]");
    }
    return text;
}

std::string to_string(const FieldPath& path) { return path.str(); }

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_'; }

// Digits only, no sign, no leading zero (but "0" itself), at most LLONG_MAX.
std::optional<long long> read_index(std::string_view digits) {
    if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
    long long value = 0;
    for (char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        const int digit = c - '0';
        if (value > (LLONG_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace

std::optional<FieldPath> parse_field_path(std::string_view text) {
    FieldPath path;
    std::size_t i = 0;
    const std::size_t n = text.size();
    if (n == 0) return std::nullopt;
    for (bool first = true;; first = false) {
        const std::size_t start = i;
        while (i < n && is_name_char(text[i])) ++i;
        PathSegment segment{std::string(text.substr(start, i - start)), std::nullopt};
        if (segment.name.empty() ? !first || i == n || text[i] != '[' : is_digit(segment.name.front())) return std::nullopt;
        bool indexed = false;
        while (i < n && text[i] == '[') {
            const std::size_t close = text.find(']', i + 1);
            if (close == std::string_view::npos) return std::nullopt;
            const std::optional<long long> index = read_index(text.substr(i + 1, close - i - 1));
            if (!index) return std::nullopt;
            if (indexed) {
                path.segments.push_back({std::string(), index});
            } else {
                segment.index = index;
                path.segments.push_back(std::move(segment));
                indexed = true;
            }
            i = close + 1;
        }
        if (!indexed) path.segments.push_back(std::move(segment));
        if (i == n) return path;
        if (text[i] != '.') return std::nullopt;
        ++i;  // a name must follow; the next round refuses an empty one
    }
}

FieldPath field_path_from_pointer(std::string_view pointer) {
    FieldPath path;
    if (pointer.empty()) return path;
    std::size_t start = 1;
    while (start <= pointer.size()) {
        std::size_t end = pointer.find('/', start);
        if (end == std::string_view::npos) end = pointer.size();
        std::string part;
        for (std::size_t i = start; i < end; ++i) {
            if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
                part.push_back(pointer[i + 1] == '0' ? '~' : '/');
                ++i;
            } else {
                part.push_back(pointer[i]);
            }
        }
        if (const std::optional<long long> index = read_index(part))
            path = std::move(path).at(*index);
        else
            path = std::move(path).field(std::move(part));
        start = end + 1;
    }
    return path;
}

// [SECTION] Names for people

namespace {

std::string year_words(long long start_year) {
    return start_year <= INT_MAX - 1 ? year_label(static_cast<int>(start_year)) : std::to_string(start_year);
}

// What a path says, gathered from the outside in: the places (a row, a government, a
// declaration) and the field's name. Read innermost first: "Naam, gemeente 2 (Hamme)".
struct Words {
    std::string field;
    std::vector<std::string> places;  // outermost first

    std::string text() const {
        std::string out = field;
        for (auto it = places.rbegin(); it != places.rend(); ++it) {
            if (!out.empty()) out.append(", ");
            out.append(*it);
        }
        if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
        return out;
    }
};

using Segments = std::vector<PathSegment>;

bool plain(const Segments& s, std::size_t i, const char* name) {
    return i < s.size() && s[i].name == name && !s[i].index;
}
bool last(const Segments& s, std::size_t i) { return i + 1 == s.size(); }

// A name of the table when `s[i]` is the path's last segment, a plain field.
const char* field_name(const Segments& s, std::size_t i, std::initializer_list<std::pair<const char*, const char*>> table) {
    if (!last(s, i) || s[i].index) return nullptr;
    for (const auto& [key, name] : table)
        if (s[i].name == key) return name;
    return nullptr;
}

// Whatever is not a known field: its names as they are, without positions.
void as_is(const Segments& s, std::size_t i, Words& w) {
    for (; i < s.size(); ++i)
        if (!s[i].name.empty()) w.field += (w.field.empty() ? "" : " ") + s[i].name;
}

std::string government_name(const Applicant& applicant, const std::string& key) {
    if (government_key(applicant.lead) == key && !applicant.lead.name.empty()) return applicant.lead.name;
    for (const auto& member : applicant.members)
        if (government_key(member) == key && !member.name.empty()) return member.name;
    return key;
}

void describe_government(const Segments& s, std::size_t i, Words& w) {
    if (i == s.size()) return;
    if (const char* name = field_name(s, i, {{"name", "naam"},
                                             {"nis_code", "NIS-code"},
                                             {"non_eu14_residents", "inwoners van niet-EU-14-herkomst"},
                                             {"reference_region", "referentieregio"},
                                             {"joined", "deelname vanaf"}}))
        w.field = name;
    else
        as_is(s, i, w);
}

void describe_split(const Segments& s, std::size_t i, Words& w) {
    if (i == s.size()) return;
    if (plain(s, i, "member") && last(s, i))
        w.field = "gemeente";
    else if (s[i].name == "planned" && last(s, i))
        w.field = s[i].index ? "extra bereik " + year_words(*s[i].index) : "extra bereik";
    else
        as_is(s, i, w);
}

void describe_row_fields(const Plan& plan, const ActionRow* row, const Segments& s, std::size_t i, Words& w) {
    if (i == s.size()) return;
    const PathSegment& segment = s[i];
    if (const char* name = field_name(s, i, {{"action", "actie"},
                                             {"target_group", "doelgroep"},
                                             {"current_reach", "huidig bereik"},
                                             {"priority", "prioriteit"},
                                             {"activities", "activiteiten"},
                                             {"partners", "partners"},
                                             {"planned", "extra bereik"},
                                             {"split", "verdeling per gemeente"},
                                             {"results", "resultaten"}})) {
        w.field = name;
    } else if (segment.name == "planned" && segment.index && last(s, i)) {
        w.field = "extra bereik " + year_words(*segment.index);
    } else if (segment.name == "split" && segment.index) {
        const auto part = static_cast<std::size_t>(*segment.index);
        w.places.push_back(row && part < row->split.size()
                               ? "verdeling " + government_name(plan.applicant, row->split[part].member)
                               : "verdeling regel " + std::to_string(part + 1));
        describe_split(s, i + 1, w);
    } else if (segment.name == "results" && segment.index) {
        const std::string year = year_words(*segment.index);
        if (last(s, i)) {
            w.field = "resultaten " + year;
        } else if (const char* result = field_name(s, i + 1, {{"confirmed_target", "bevestigd doel"},
                                                              {"interim_reach", "tussentijds bereik"},
                                                              {"final_reach", "eindbereik"},
                                                              {"reason", "reden"},
                                                              {"recovery_plan", "inhaalplan"},
                                                              {"jury_positive", "oordeel van de jury"}})) {
            w.field = std::string(result) + " " + year;
        } else {
            as_is(s, i + 1, w);
            w.field += " " + year;
        }
    } else {
        as_is(s, i, w);
    }
}

void describe_applicant(const Plan& plan, const Segments& s, std::size_t i, Words& w) {
    const Applicant& applicant = plan.applicant;
    if (i == s.size()) {
        w.field = "aanvrager";
    } else if (const char* name = field_name(s, i, {{"kind", "type aanvrager"}, {"members", "deelnemende gemeenten"}})) {
        w.field = name;
    } else if (plain(s, i, "lead")) {
        std::string place = applicant.kind == ApplicantKind::igs ? "trekker" : "aanvrager";
        if (!applicant.lead.name.empty()) place += " (" + applicant.lead.name + ")";
        w.places.push_back(std::move(place));
        describe_government(s, i + 1, w);
    } else if (s[i].name == "members" && s[i].index) {
        const auto m = static_cast<std::size_t>(*s[i].index);
        std::string place = "gemeente " + std::to_string(m + 1);
        if (m < applicant.members.size() && !applicant.members[m].name.empty())
            place += " (" + applicant.members[m].name + ")";
        w.places.push_back(std::move(place));
        describe_government(s, i + 1, w);
    } else {
        as_is(s, i, w);
    }
}

void describe_declarations(const Segments& s, std::size_t i, Words& w) {
    static constexpr std::pair<const char*, const char*> kinds[] = {
        {"cooperation", "verklaring samenwerking"},
        {"mentorship", "verklaring mentorschap"},
        {"social_impact_bond", "verklaring social impact bond"}};
    if (i == s.size()) {
        w.field = "verklaringen";
        return;
    }
    for (const auto& [key, place] : kinds)
        if (plain(s, i, key)) {
            w.places.push_back(place);
            if (i + 1 == s.size()) return;
            if (const char* name =
                    field_name(s, i + 1, {{"declared", "aangevraagd"}, {"action", "actie (nummer)"}, {"motivation", "motivatie"}}))
                w.field = name;
            else if (s[i + 1].name == "texts" && s[i + 1].index && last(s, i + 1))
                w.field = "tekst " + std::to_string(*s[i + 1].index + 1);
            else
                as_is(s, i + 1, w);
            return;
        }
    as_is(s, i, w);
}

void describe_plan(const Plan& plan, const Catalogue& catalogue, const Segments& s, std::size_t i, Words& w) {
    if (i == s.size()) return;
    const PathSegment& segment = s[i];
    if (segment.name == "rows" && segment.index) {
        const auto r = static_cast<std::size_t>(*segment.index);
        w.places.push_back(describe_row(plan, catalogue, r));
        describe_row_fields(plan, r < plan.rows.size() ? &plan.rows[r] : nullptr, s, i + 1, w);
    } else if (segment.name == "plans" && segment.index) {
        // The agency's check over many plans: "plans[2].applicant.lead"; the plan itself is not at hand.
        w.places.push_back("aanvraag " + std::to_string(*segment.index + 1));
        describe_plan(Plan{}, catalogue, s, i + 1, w);
    } else if (plain(s, i, "applicant")) {
        describe_applicant(plan, s, i + 1, w);
    } else if (plain(s, i, "contact")) {
        if (last(s, i)) {
            w.field = "contactpersoon";
            return;
        }
        w.places.push_back("contactpersoon");
        if (const char* name = field_name(s, i + 1, {{"name", "naam"}, {"phone", "telefoon"}, {"email", "e-mail"}}))
            w.field = name;
        else
            as_is(s, i + 1, w);
    } else if (plain(s, i, "declarations")) {
        describe_declarations(s, i + 1, w);
    } else if (segment.name == "envelope_cents" && last(s, i)) {
        w.field = segment.index ? "enveloppe " + year_words(*segment.index) : "enveloppe";
    } else if (const char* name = field_name(s, i, {{"id", "kenmerk van het plan"},
                                                    {"call", "oproep"},
                                                    {"title", "titel van het plan"},
                                                    {"iban", "IBAN"},
                                                    {"iban_is_municipal_fund_account", "rekening van het Gemeentefonds"},
                                                    {"rows", "acties van het plan"}})) {
        w.field = name;
    } else {
        as_is(s, i, w);
    }
}

}  // namespace

std::string describe_row(const Catalogue& catalogue, int action_number, std::string_view target_group) {
    std::string name = "actie " + std::to_string(action_number);
    if (const Action* action = catalogue.find_action(action_number)) {
        name += " (" + action->name;
        // The group may be one of a later call (action 24's one group from 2023): named from
        // the call that has it, and named whenever the action has other groups in some call.
        const TargetGroup* group = action->find_group(target_group);
        const bool named = group == nullptr || action->target_groups.size() > 1;
        if (group == nullptr) group = find_group_in(governing_calls(catalogue), action_number, target_group);
        if (group != nullptr && named) name += ", " + group->name;
        name += ")";
    }
    return name;
}

std::string describe_row(const Plan& plan, const Catalogue& catalogue, std::size_t r) {
    if (r >= plan.rows.size()) return "rij " + std::to_string(r + 1);
    return describe_row(catalogue, plan.rows[r].action, plan.rows[r].target_group);
}

std::string describe_path(const Plan& plan, const Catalogue& catalogue, const FieldPath& path) {
    Words words;
    describe_plan(plan, catalogue, path.segments, 0, words);
    return words.text();
}

}  // namespace samenleven
