#include "samenleven/plan_upgrade.h"

#include "samenleven/plan_json.h"

#include "json_read.h"

namespace samenleven {

using nlohmann::json;
using namespace json_read;

json upgrade_v1_to_v2(json document) {
    document["schema_version"] = 2;
    json* declarations = document.contains("declarations") ? &document["declarations"] : nullptr;
    if (declarations == nullptr || !declarations->is_object() || !declarations->contains("social_impact_bond"))
        return document;
    const Path path = Path().key("declarations").key("social_impact_bond");
    const json& old = (*declarations)["social_impact_bond"];
    object(old, path);
    std::string text;
    if (const json* motivation = optional(old, "motivation")) text = read_string(*motivation, path.key("motivation"));
    if (const json* action = optional(old, "action")) {
        const long long number = read_int(*action, path.key("action"), 0, 99);
        if (number != 0) text = "Actie " + std::to_string(number) + (text.empty() ? "." : ". " + text);
    }
    json bond = {{"declared", false}, {"texts", json::array({text, "", ""})}};
    if (const json* declared = optional(old, "declared")) bond["declared"] = read_bool(*declared, path.key("declared"));
    (*declarations)["social_impact_bond"] = std::move(bond);
    return document;
}

json upgrade_plan(json document) {
    const Path root;
    object(document, root);
    const long long version = read_int(required(document, "schema_version", root), root.key("schema_version"), 0, 1'000'000);
    if (version > kPlanSchemaVersion)
        fail(root.key("schema_version"), "json.schema_newer",
             "Dit bestand heeft schemaversie " + std::to_string(version) + " en is gemaakt met een nieuwere versie "
             "van het programma; deze versie leest tot en met schemaversie " + std::to_string(kPlanSchemaVersion) + ".");
    if (version < 1)
        fail(root.key("schema_version"), "json.schema_unknown",
             "Schemaversie " + std::to_string(version) + " bestaat niet; de eerste is 1.");
    if (version < 2) document = upgrade_v1_to_v2(std::move(document));
    return document;
}

}  // namespace samenleven
