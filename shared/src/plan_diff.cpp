#include "samenleven/plan_diff.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <vector>

#include "samenleven/field_path.h"
#include "samenleven/plan_json.h"

namespace samenleven {

using nlohmann::json;

namespace {

std::string row_identity(const ActionRow& row) { return std::to_string(row.action) + "/" + row.target_group; }

std::string row_identity(const json& row) {
    return std::to_string(row.at("action").get<int>()) + "/" + row.at("target_group").get<std::string>();
}

// The plan as JSON with rows (and each row's split) keyed by identity instead of position.
json keyed(const Plan& plan) {
    json j = write_plan(plan);
    json rows = json::object();
    for (json row : j.at("rows")) {
        if (row.contains("split")) {
            json split = json::object();
            for (const auto& part : row["split"]) split[part.at("member").get<std::string>()] = part.at("planned");
            row["split"] = std::move(split);
        }
        const std::string id = row_identity(row);  // before the move below
        rows[id] = std::move(row);
    }
    j["rows"] = std::move(rows);
    j.erase("schema_version");
    return j;
}

// Document order of rows and of each row's split (JSON objects keep keys sorted, so the
// order is kept apart): the first plan's order, then what only the later ones have.
struct Order {
    std::vector<std::string> rows;
    std::map<std::string, std::vector<std::string>> split;

    void add(const Plan& plan) {
        for (const auto& row : plan.rows) {
            const std::string id = row_identity(row);
            rows.push_back(id);
            for (const auto& part : row.split) split[id].push_back(part.member);
        }
    }
};

// Back to the document form, in the given order; duplicates in the order are skipped.
json unkeyed(json j, const Order& order) {
    json rows = json::array();
    auto take = [&](const std::string& id) {
        auto it = j["rows"].find(id);
        if (it == j["rows"].end() || it->is_null()) return;
        json row = *it;
        if (row.contains("split")) {
            json split = json::array();
            std::vector<std::string> members;
            if (auto known = order.split.find(id); known != order.split.end()) members = known->second;
            for (const auto& [member, planned] : row["split"].items()) members.push_back(member);
            for (const auto& member : members)
                if (auto part = row["split"].find(member); part != row["split"].end()) {
                    split.push_back({{"member", member}, {"planned", *part}});
                    row["split"].erase(part);
                }
            row["split"] = std::move(split);
        }
        rows.push_back(std::move(row));
        j["rows"].erase(id);
    };
    for (const auto& id : order.rows) take(id);
    std::vector<std::string> rest;
    for (const auto& [id, row] : j["rows"].items()) rest.push_back(id);
    for (const auto& id : rest) take(id);
    j["rows"] = std::move(rows);
    j["schema_version"] = kPlanSchemaVersion;
    return j;
}

// Units of comparison are the scalar leaves, plus arrays (the applicant's members) whole.
// Keys name rows and split members by identity ({...}) and project years by [year]; a name
// in braces or brackets has a backslash, '}' and ']' escaped with a backslash (a split member is any text).
std::string escaped(const std::string& name) {
    std::string out;
    for (char c : name) {
        if (c == '\\' || c == '}' || c == ']') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

std::string member_key(const std::string& key, const std::string& name) { return key + "{" + escaped(name) + "}"; }

// What the members of an object are, for naming them in keys.
enum class Members { fields, rows, split, years };

Members members_of(const std::string& field) {
    if (field == "rows") return Members::rows;
    if (field == "split") return Members::split;
    if (field == "planned" || field == "results") return Members::years;
    return Members::fields;
}

void flatten(const json& value, const std::string& key, Members members, std::map<std::string, json>& out) {
    if (!value.is_object()) {
        out[key] = value;
        return;
    }
    for (const auto& [name, item] : value.items()) {
        switch (members) {
            case Members::rows: flatten(item, member_key(key, name), Members::fields, out); break;
            case Members::split: flatten(item, member_key(key, name), Members::years, out); break;
            case Members::years: flatten(item, key + "[" + escaped(name) + "]", Members::fields, out); break;
            case Members::fields: flatten(item, key.empty() ? name : key + "." + name, members_of(name), out); break;
        }
    }
}

// The names along a key written by flatten(), unescaped: "rows{5/x}.split{a\\}b}[2022]" ->
// rows, 5/x, split, a}b, 2022.
std::vector<std::string> segments(const std::string& key) {
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < key.size()) {
        if (key[i] == '.') ++i;
        std::string name;
        if (i < key.size() && (key[i] == '{' || key[i] == '[')) {
            const char close = key[i] == '{' ? '}' : ']';
            for (++i; i < key.size() && key[i] != close; ++i) {
                if (key[i] == '\\' && i + 1 < key.size()) ++i;
                name.push_back(key[i]);
            }
            ++i;  // the closing brace or bracket
        } else {
            const std::size_t end = std::min(key.find_first_of(".{[", i), key.size());
            name = key.substr(i, end - i);
            i = end;
        }
        names.push_back(std::move(name));
    }
    return names;
}

json* locate(json& root, const std::vector<std::string>& path, std::size_t depth, bool create) {
    json* node = &root;
    for (std::size_t i = 0; i < depth; ++i) {
        if (!node->is_object()) {
            if (!create) return nullptr;
            *node = json::object();
        }
        auto it = node->find(path[i]);
        if (it == node->end()) {
            if (!create) return nullptr;
            node = &(*node)[path[i]];
        } else {
            node = &*it;
        }
    }
    return node;
}

// The Dutch name of a difference (one rule for naming fields: describe_path). The key is
// turned into the field path of the field in the version that has it; a row present on one
// side only is "Hele rij, actie ...".
std::string label_for(const std::string& key, const Plan& mine, const Plan& theirs, const Catalogue& catalogue) {
    if (key.rfind("rows{", 0) != 0) {
        const std::optional<FieldPath> path = parse_field_path(key);
        return path ? describe_path(mine, catalogue, *path) : key;
    }
    const std::vector<std::string> names = segments(key);  // rows, identity, then the row's fields
    const std::string tail = key.substr(member_key("rows", names[1]).size());  // ".planned[2023]", ".split{m}[2023]"
    for (const Plan* plan : {&mine, &theirs}) {
        std::size_t r = 0;
        while (r < plan->rows.size() && row_identity(plan->rows[r]) != names[1]) ++r;
        if (r == plan->rows.size()) continue;
        if (tail.empty()) return "Hele rij, " + describe_row(*plan, catalogue, r);
        FieldPath path = FieldPath::row(r);
        if (names[2] == "split" && names.size() > 3) {  // a member's share, by its key: split{member}[year]
            const auto& split = plan->rows[r].split;
            std::size_t part = 0;
            while (part < split.size() && split[part].member != names[3]) ++part;
            if (part == split.size()) continue;
            path = std::move(path).field("split").at(static_cast<long long>(part));
            if (names.size() > 4) {  // the project year, as flatten() wrote it from the share's key
                const std::string& text = names[4];
                long long year = -1;
                const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
                if (error != std::errc() || end != text.data() + text.size() || year < 0) return key;
                path = std::move(path).field("planned").at(year);
            }
        } else {
            const std::optional<FieldPath> rest = parse_field_path(tail.substr(1));  // after the '.'
            if (!rest) return key;
            path.segments.insert(path.segments.end(), rest->segments.begin(), rest->segments.end());
        }
        return describe_path(*plan, catalogue, path);
    }
    return key;
}

}  // namespace

std::vector<FieldDifference> compare_plans(const Plan& mine, const Plan& theirs, const Catalogue& catalogue) {
    std::map<std::string, json> a, b;
    json mine_keyed = keyed(mine), theirs_keyed = keyed(theirs);
    // Rows that exist on one side only are one difference each, not one per field.
    json mine_shared = mine_keyed, theirs_shared = theirs_keyed;
    for (const auto& [id, row] : mine_keyed["rows"].items())
        if (!theirs_keyed["rows"].contains(id)) {
            a[member_key("rows", id)] = row;
            mine_shared["rows"].erase(id);
        }
    for (const auto& [id, row] : theirs_keyed["rows"].items())
        if (!mine_keyed["rows"].contains(id)) {
            b[member_key("rows", id)] = row;
            theirs_shared["rows"].erase(id);
        }
    // Likewise a row's split, or one member's share of it, that exists on one side only: a
    // share always holds every project year once read, so a year cannot be absent alone.
    for (auto& [id, row] : mine_shared["rows"].items()) {
        json& other = theirs_shared["rows"][id];
        const std::string key = member_key("rows", id) + ".split";
        if (row.contains("split") != other.contains("split")) {
            if (row.contains("split")) a[key] = row["split"];
            if (other.contains("split")) b[key] = other["split"];
            row.erase("split");
            other.erase("split");
            continue;
        }
        if (!row.contains("split")) continue;
        json& mine_split = row["split"];
        json& their_split = other["split"];
        std::vector<std::string> mine_only, theirs_only;
        for (const auto& [member, share] : mine_split.items())
            if (!their_split.contains(member)) mine_only.push_back(member);
        for (const auto& [member, share] : their_split.items())
            if (!mine_split.contains(member)) theirs_only.push_back(member);
        for (const auto& member : mine_only) {
            a[member_key(key, member)] = mine_split[member];
            mine_split.erase(member);
        }
        for (const auto& member : theirs_only) {
            b[member_key(key, member)] = their_split[member];
            their_split.erase(member);
        }
    }
    flatten(mine_shared, "", Members::fields, a);
    flatten(theirs_shared, "", Members::fields, b);

    std::vector<FieldDifference> differences;
    auto add = [&](const std::string& key, const json& m, const json& t) {
        if (m != t) differences.push_back({key, label_for(key, mine, theirs, catalogue), m, t});
    };
    for (const auto& [key, value] : a) add(key, value, b.count(key) ? b[key] : json());
    for (const auto& [key, value] : b)
        if (!a.count(key)) add(key, json(), value);
    return differences;
}

Plan merge_plans(const Plan& mine, const Plan& theirs, const std::vector<FieldDifference>& differences,
                 const std::vector<bool>& take_mine) {
    json result = keyed(theirs);
    for (std::size_t i = 0; i < differences.size() && i < take_mine.size(); ++i) {
        if (!take_mine[i]) continue;
        const FieldDifference& d = differences[i];
        const std::vector<std::string> path = segments(d.key);
        if (path.empty()) continue;
        if (d.mine.is_null()) {
            // Absent on this device: remove it from the result.
            json* parent = locate(result, path, path.size() - 1, false);
            if (parent && parent->is_object()) parent->erase(path.back());
        } else {
            *locate(result, path, path.size(), true) = d.mine;
        }
    }
    // Taking "absent" for every field of a split member, a split or a year's results leaves an
    // empty container behind, which would read back as zeros: it goes too, as it is on this device.
    if (auto rows = result.find("rows"); rows != result.end())
        for (auto& [id, row] : rows->items())
            for (const char* container : {"split", "results"}) {
                auto it = row.find(container);
                if (it == row.end() || !it->is_object()) continue;
                for (auto part = it->begin(); part != it->end();)
                    part = part->is_object() && part->empty() ? it->erase(part) : std::next(part);
                if (it->empty()) row.erase(it);
            }
    Order order;
    order.add(theirs);
    order.add(mine);  // rows and members added on this device go last
    return read_plan(unkeyed(std::move(result), order)).plan;
}

}  // namespace samenleven
