#include "samenleven/plan.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "samenleven/finding.h"

namespace samenleven {

int year_index(int start_year) {
    for (int i = 0; i < kYearCount; ++i)
        if (kProjectYears[static_cast<std::size_t>(i)] == start_year) return i;
    return -1;
}

std::string year_label(int start_year) {
    return std::to_string(start_year) + "-" + std::to_string(start_year + 1);
}

std::string_view to_string(ApplicantKind kind) {
    switch (kind) {
        case ApplicantKind::municipality: return "municipality";
        case ApplicantKind::igs: return "igs";
        case ApplicantKind::vgc: return "vgc";
        case ApplicantKind::de_rand: return "de_rand";
        case ApplicantKind::unknown: break;
    }
    return "unknown";
}

ApplicantKind applicant_kind_from_string(std::string_view text) {
    for (auto kind : {ApplicantKind::municipality, ApplicantKind::igs, ApplicantKind::vgc, ApplicantKind::de_rand})
        if (to_string(kind) == text) return kind;
    return ApplicantKind::unknown;
}

std::string government_key(const LocalGovernment& government) {
    if (!government.nis_code.empty()) return government.nis_code;
    std::string key;
    for (unsigned char c : government.name)
        if (!std::isspace(c)) key.push_back(static_cast<char>(std::tolower(c)));
    return key;
}

Count target(const ActionRow& row, int year_idx) {
    return row.current_reach + row.planned[static_cast<std::size_t>(year_idx)];
}

std::vector<std::size_t> priority_order(const Plan& plan) {
    std::vector<std::size_t> order(plan.rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Rows without a priority sort after every numbered one.
    auto rank = [&](std::size_t r) {
        const int priority = plan.rows[r].priority;
        return priority > 0 ? static_cast<unsigned>(priority) : std::numeric_limits<unsigned>::max();
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
    return order;
}

std::string_view to_string(Severity severity) {
    return severity == Severity::error ? "error" : "warning";
}

bool has_errors(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::error; });
}

}  // namespace samenleven
