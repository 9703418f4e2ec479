#include "samenleven/plan_diff.h"

#include <map>

#include "samenleven/plan_json.h"

namespace samenleven {

using nlohmann::json;

namespace {

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
            const std::string id = std::to_string(row.action) + "/" + row.target_group;
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
// Keys name rows and split members by identity ({...}) and project years by [year].
bool ends_with(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

void flatten(const json& value, const std::string& key, std::map<std::string, json>& out) {
    if (!value.is_object()) {
        out[key] = value;
        return;
    }
    const bool split_member = ends_with(key, "}") && key.find(".split{") != std::string::npos &&
                              key.rfind('{') > key.rfind(".split");
    for (const auto& [name, item] : value.items()) {
        std::string child;
        if (key == "rows" || ends_with(key, ".split"))
            child = key + "{" + name + "}";
        else if (ends_with(key, ".planned") || ends_with(key, ".results") || split_member)
            child = key + "[" + name + "]";
        else
            child = key.empty() ? name : key + "." + name;
        flatten(item, child, out);
    }
}

json* locate(json& root, const std::string& key, bool create) {
    // Walks a key written by flatten(): segments separated by '.', '{id}' and '[year]'.
    json* node = &root;
    std::size_t i = 0;
    while (i < key.size()) {
        std::string name;
        if (key[i] == '.') ++i;
        if (key[i] == '{' || key[i] == '[') {
            const char close = key[i] == '{' ? '}' : ']';
            const std::size_t end = key.find(close, i);
            name = key.substr(i + 1, end - i - 1);
            i = end + 1;
        } else {
            std::size_t end = key.find_first_of(".{[", i);
            if (end == std::string::npos) end = key.size();
            name = key.substr(i, end - i);
            i = end;
        }
        if (!node->is_object()) {
            if (!create) return nullptr;
            *node = json::object();
        }
        auto it = node->find(name);
        if (it == node->end()) {
            if (!create) return nullptr;
            node = &(*node)[name];
        } else {
            node = &*it;
        }
    }
    return node;
}

std::string year_words(const std::string& year) {
    return year.size() == 4 ? year_label(std::stoi(year)) : year;
}

std::string label_for(const std::string& key, const Catalogue& catalogue) {
    static const std::map<std::string, std::string> names{
        {"title", "titel"}, {"iban", "IBAN"}, {"iban_is_municipal_fund_account", "rekening van het Gemeentefonds"},
        {"contact.name", "contactpersoon"}, {"contact.phone", "telefoon"}, {"contact.email", "e-mail"},
        {"applicant.kind", "type aanvrager"}, {"applicant.lead.name", "naam aanvrager"},
        {"applicant.lead.nis_code", "NIS-code aanvrager"}, {"applicant.lead.non_eu14_residents", "inwoners niet-EU-14 (aanvrager)"},
        {"applicant.members", "deelnemende gemeenten"}, {"current_reach", "huidig bereik"}, {"priority", "prioriteit"},
        {"activities", "activiteiten"}, {"partners", "partners"}, {"confirmed_target", "bevestigd doel"},
        {"interim_reach", "tussentijds bereik"}, {"final_reach", "eindbereik"}, {"reason", "reden"},
        {"recovery_plan", "herstelplan"}, {"split", "verdeling per gemeente"}, {"declared", "aangevraagd"}, {"action", "actie"}, {"motivation", "motivatie"}};
    static const std::map<std::string, std::string> declarations{
        {"cooperation", "samenwerking"}, {"mentorship", "mentorschap"}, {"social_impact_bond", "social impact bond"}};
    if (auto it = names.find(key); it != names.end()) return it->second;
    if (key.rfind("declarations.", 0) == 0) {
        const std::string rest = key.substr(13);
        const std::string which = rest.substr(0, rest.find('.'));
        const std::string field = rest.substr(rest.find('.') + 1);
        return "verklaring " + declarations.at(which) + ": " + label_for(field, catalogue);
    }
    if (key.rfind("rows{", 0) == 0) {
        const std::string id = key.substr(5, key.find('}') - 5);
        const int action_number = std::stoi(id.substr(0, id.find('/')));
        const std::string group_code = id.substr(id.find('/') + 1);
        std::string text = "Actie " + std::to_string(action_number);
        if (const Action* action = catalogue.find_action(action_number)) {
            text += " (" + action->name;
            if (const TargetGroup* group = action->find_group(group_code); group && action->target_groups.size() > 1)
                text += ", " + group->name;
            text += ")";
        }
        std::string rest = key.substr(key.find('}') + 1);
        if (rest.empty()) return text + ": hele rij";
        if (rest.front() == '.') rest.erase(0, 1);
        if (rest.rfind("planned[", 0) == 0) return text + ": extra bereik " + year_words(rest.substr(8, 4));
        if (rest.rfind("split{", 0) == 0) {
            const std::string member = rest.substr(6, rest.find('}') - 6);
            const auto year = rest.find('[');
            return text + ": verdeling " + member + (year == std::string::npos ? "" : " " + year_words(rest.substr(year + 1, 4)));
        }
        if (rest.rfind("results[", 0) == 0) {
            const std::string field = rest.substr(rest.find(']') + 2);
            return text + ": " + label_for(field, catalogue) + " " + year_words(rest.substr(8, 4));
        }
        return text + ": " + label_for(rest, catalogue);
    }
    return key;
}

}  // namespace

std::vector<FieldDifference> compare_plans(const Plan& mine, const Plan& theirs, const Catalogue& catalogue) {
    std::map<std::string, json> a, b;
    json mine_keyed = keyed(mine), theirs_keyed = keyed(theirs);
    // Rows that exist on one side only are one difference each, not one per field.
    for (const auto& [id, row] : mine_keyed["rows"].items())
        if (!theirs_keyed["rows"].contains(id)) a["rows{" + id + "}"] = row;
    for (const auto& [id, row] : theirs_keyed["rows"].items())
        if (!mine_keyed["rows"].contains(id)) b["rows{" + id + "}"] = row;
    json mine_shared = mine_keyed, theirs_shared = theirs_keyed;
    for (const auto& [key, row] : a) mine_shared["rows"].erase(key.substr(5, key.size() - 6));
    for (const auto& [key, row] : b) theirs_shared["rows"].erase(key.substr(5, key.size() - 6));
    // Likewise a row's split, or one member's share of it, that exists on one side only: a
    // share always holds every project year once read, so a year cannot be absent alone.
    for (auto& [id, row] : mine_shared["rows"].items()) {
        json& other = theirs_shared["rows"][id];
        const std::string key = "rows{" + id + "}.split";
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
            a[key + "{" + member + "}"] = mine_split[member];
            mine_split.erase(member);
        }
        for (const auto& member : theirs_only) {
            b[key + "{" + member + "}"] = their_split[member];
            their_split.erase(member);
        }
    }
    flatten(mine_shared, "", a);
    flatten(theirs_shared, "", b);

    std::vector<FieldDifference> differences;
    auto add = [&](const std::string& key, const json& m, const json& t) {
        if (m != t) differences.push_back({key, label_for(key, catalogue), m, t});
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
        if (d.mine.is_null()) {
            // Absent on this device: remove it from the result.
            const auto cut = d.key.find_last_of(".{[");
            json* parent = cut == std::string::npos ? &result : locate(result, d.key.substr(0, cut), false);
            if (parent && parent->is_object()) {
                std::string name = d.key.substr(cut + 1);
                if (!name.empty() && (name.back() == '}' || name.back() == ']')) name.pop_back();
                parent->erase(name);
            }
        } else {
            *locate(result, d.key, true) = d.mine;
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
