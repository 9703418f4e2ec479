// Small builders and file helpers shared by the tests.
#pragma once
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "samenleven/samenleven.h"

namespace test_support {

inline std::string read_data(const std::string& name) {
    const std::string path = std::string(SAMENLEVEN_TEST_DATA) + "/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open test data " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// No reference region, joined from the plan's first year.
inline samenleven::LocalGovernment government(std::string nis, std::string name, samenleven::Count residents) {
    samenleven::LocalGovernment g;
    g.nis_code = std::move(nis);
    g.name = std::move(name);
    g.non_eu14_residents = residents;
    return g;
}

inline samenleven::ActionRow row(int action, std::string group, samenleven::YearCounts planned, int priority,
                                 samenleven::Count current = 0) {
    samenleven::ActionRow r;
    r.action = action;
    r.target_group = std::move(group);
    r.planned = planned;
    r.priority = priority;
    r.current_reach = current;
    r.activities = "Lokale activiteit";
    return r;
}

// A complete, valid plan of one municipality with one row: no findings.
inline samenleven::Plan valid_plan() {
    samenleven::Plan plan;
    plan.id = "test-plan";
    plan.title = "Testplan";
    plan.applicant.kind = samenleven::ApplicantKind::municipality;
    plan.applicant.lead = government("44021", "Gent", 60000);
    plan.contact = {"Sara Janssens", "09 210 10 10", "sara.janssens@stad.gent"};
    plan.iban = "BE68539007547034";
    plan.rows.push_back(row(5, "adult_learners", {100, 200, 300}, 1, 50));
    return plan;
}

inline const samenleven::Catalogue& call2022() {
    const samenleven::Catalogue* catalogue = samenleven::find_catalogue("2022");
    if (catalogue == nullptr) throw std::runtime_error("call 2022 missing");
    return *catalogue;
}

// The first finding with this code, or null.
inline const samenleven::Finding* find(const std::vector<samenleven::Finding>& findings, const std::string& code) {
    for (const auto& f : findings)
        if (f.code == code) return &f;
    return nullptr;
}

inline bool has_code(const std::vector<samenleven::Finding>& findings, const std::string& code, const std::string& path) {
    for (const auto& f : findings)
        if (f.code == code && f.path == path) return true;
    return false;
}

}  // namespace test_support
