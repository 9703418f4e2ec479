// samenleven: the command-line tool over the core.
//   samenleven validate FILE          findings of a plan
//   samenleven calc FILE              eligibility, budget, result status and findings
//   samenleven aggregate [--year Y] [--call C] FILE...   the agency's totals over many plans
//   samenleven allocate --budget EUR [--year Y] [--call C] FILE...   a year's budget by priority
// Prints JSON on stdout. Exit code: 0 all is well, 1 findings of severity error,
// 2 unreadable input or wrong usage (the message on stderr).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "samenleven/allocation.h"
#include "samenleven/samenleven.h"

namespace {

using namespace samenleven;
using nlohmann::json;

constexpr int kOk = 0;
constexpr int kFindings = 1;
constexpr int kUnreadable = 2;

const char* const kUsage =
    "usage: samenleven validate FILE\n"
    "       samenleven calc FILE\n"
    "       samenleven aggregate [--year 2022|2023|2024] [--call CALL] FILE...\n"
    "       samenleven allocate --budget EUR [--year 2022|2023|2024] [--call CALL] FILE...\n"
    "EUR in whole euros (14136359) or the Belgian way (14.136.359,00).\n"
    "FILE may be - for standard input. Output is JSON.\n"
    "Exit code: 0 all is well, 1 findings of severity error, 2 unreadable input.\n";

struct Unreadable {
    std::string message;
};

std::string read_file(const std::string& name) {
    if (name == "-") {
        std::ostringstream text;
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(name, std::ios::binary);
    if (!in) throw Unreadable{name + ": cannot open the file"};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Reads a plan and validates it; throws Unreadable with the file name and JSON path.
struct Checked {
    Plan plan;
    const Catalogue* catalogue = nullptr;
    std::vector<Finding> findings;
};

Checked check(const std::string& name) {
    const std::string text = read_file(name);
    try {
        PlanReading reading = read_and_validate_text(text);
        const Catalogue* catalogue = find_catalogue(reading.plan.call);  // read_plan checked it exists
        return Checked{std::move(reading.plan), catalogue, std::move(reading.findings)};
    } catch (const InputError& e) {
        throw Unreadable{name + ": " + e.what() + " [" + e.code() + "]"};
    }
}

int run_validate(const std::string& name) {
    const Checked checked = check(name);
    const json report = plan_report_json(checked.plan, *checked.catalogue, checked.findings);
    std::cout << json{{"file", name},
                      {"valid", !has_errors(checked.findings)},
                      {"errors", report["errors"]},
                      {"warnings", report["warnings"]},
                      {"findings", report["findings"]}}
                     .dump(2)
              << "\n";
    return has_errors(checked.findings) ? kFindings : kOk;
}

int run_calc(const std::string& name) {
    const Checked checked = check(name);
    json report = plan_report_json(checked.plan, *checked.catalogue, checked.findings);
    report["file"] = name;
    std::cout << report.dump(2) << "\n";
    return has_errors(checked.findings) ? kFindings : kOk;
}

int run_aggregate(const std::vector<std::string>& args) {
    int year = 0;
    std::string call = default_catalogue().call;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--year" && i + 1 < args.size()) {
            const std::string value = args[++i];
            year = (value.size() == 4 && value.find_first_not_of("0123456789") == std::string::npos) ? std::stoi(value) : -1;
            if (year_index(year) < 0) throw Unreadable{"--year: '" + value + "' is not a project year (2022, 2023 or 2024)"};
        } else if (args[i] == "--call" && i + 1 < args.size()) {
            call = args[++i];
        } else {
            files.push_back(args[i]);
        }
    }
    const Catalogue* catalogue = find_catalogue(call);
    if (catalogue == nullptr) throw Unreadable{"--call: unknown call '" + call + "'"};
    if (files.empty()) throw Unreadable{"aggregate needs at least one FILE"};

    std::vector<Plan> plans;
    for (const auto& file : files) plans.push_back(check(file).plan);
    const std::vector<Finding> conflicts = validate_cooperations(plans);
    json report = aggregate_json(aggregate(plans, *catalogue, year), *catalogue);
    report["year"] = year == 0 ? json("all") : json(year);
    report["files"] = files;
    report["findings"] = findings_json(conflicts);
    std::cout << report.dump(2) << "\n";
    return has_errors(conflicts) ? kFindings : kOk;
}

// Reads a budget in euros: whole euros ("14136359"), or the Belgian form with '.' between
// thousands and a decimal comma ("14.136.359", "14.136.359,00", "14136359,5"). Anything
// else (a sign, a currency symbol, spaces, "14,136,359", "14136359.00") is refused.
std::optional<Cents> parse_euros(const std::string& text) {
    const std::size_t comma = text.find(',');
    const std::string whole = text.substr(0, comma);
    const std::string decimals = comma == std::string::npos ? std::string() : text.substr(comma + 1);
    auto digits_only = [](const std::string& part) {
        return !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    };
    if (comma != std::string::npos && (decimals.size() > 2 || !digits_only(decimals))) return std::nullopt;
    std::string euros;
    if (whole.find('.') == std::string::npos) {
        euros = whole;
    } else {
        // Groups of three after a first group of one to three digits: 1.234.567
        std::size_t start = 0;
        for (std::size_t group = 0;; ++group) {
            const std::size_t dot = whole.find('.', start);
            const std::string part = whole.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
            if (!digits_only(part) || (group == 0 ? part.size() > 3 : part.size() != 3)) return std::nullopt;
            euros += part;
            if (dot == std::string::npos) break;
            start = dot + 1;
        }
    }
    if (!digits_only(euros) || euros.size() > 13) return std::nullopt;  // up to EUR 9.999.999.999.999
    Cents cents = std::stoll(euros) * 100;
    if (!decimals.empty()) cents += std::stoll(decimals) * (decimals.size() == 1 ? 10 : 1);
    return cents;
}

int run_allocate(const std::vector<std::string>& args) {
    std::optional<Cents> budget;
    int year = 0;
    std::string call = default_catalogue().call;
    std::vector<std::string> files;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--budget" && i + 1 < args.size()) {
            const std::string value = args[++i];
            budget = parse_euros(value);
            if (!budget)
                throw Unreadable{"--budget: '" + value + "' is geen bedrag in euro. Schrijf hele euro (14136359) of de Belgische "
                                 "vorm met een decimale komma (14.136.359,00)."};
        } else if (args[i] == "--year" && i + 1 < args.size()) {
            const std::string value = args[++i];
            year = (value.size() == 4 && value.find_first_not_of("0123456789") == std::string::npos) ? std::stoi(value) : -1;
            if (year_index(year) < 0) throw Unreadable{"--year: '" + value + "' is geen projectjaar (2022, 2023 of 2024)."};
        } else if (args[i] == "--call" && i + 1 < args.size()) {
            call = args[++i];
        } else if (args[i].size() > 2 && args[i].rfind("--", 0) == 0) {
            throw Unreadable{args[i] + ": onbekende of onvolledige optie. Gebruik: allocate --budget EUR [--year 2022] FILE..."};
        } else {
            files.push_back(args[i]);
        }
    }
    const Catalogue* catalogue = find_catalogue(call);
    if (catalogue == nullptr) throw Unreadable{"--call: oproep '" + call + "' is onbekend."};
    if (!budget) throw Unreadable{"allocate heeft een budget nodig: --budget EUR, bv. --budget 14.136.359,00."};
    if (files.empty()) throw Unreadable{"allocate heeft minstens één plan nodig (FILE...)."};
    if (year == 0) year = catalogue->years.empty() ? kProjectYears[0] : catalogue->years.front();

    std::vector<Plan> plans;
    for (const auto& file : files) plans.push_back(check(file).plan);
    Allocation allocation;
    try {
        allocation = allocate(plans, *catalogue, year, *budget);
    } catch (const InputError& e) {
        // A plan of another call names its place in the list: plans[1].call -> the file.
        std::string where = e.path();
        if (const std::optional<FieldPath> path = parse_field_path(where); path && path->segments.front().name == "plans")
            if (const std::optional<long long> p = path->segments.front().index; p && static_cast<std::size_t>(*p) < files.size())
                where = files[static_cast<std::size_t>(*p)];
        throw Unreadable{where + ": " + e.message() + " [" + e.code() + "]"};
    }
    const std::vector<Finding> conflicts = validate_cooperations(plans);
    json report = allocation_json(allocation);
    report["call"] = catalogue->call;
    report["files"] = files;
    report["findings"] = findings_json(conflicts);
    std::cout << report.dump(2) << "\n";
    return has_errors(conflicts) ? kFindings : kOk;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? kUnreadable : kOk;
    }
    try {
        const std::string& command = args[0];
        if (command == "validate" && args.size() == 2) return run_validate(args[1]);
        if (command == "calc" && args.size() == 2) return run_calc(args[1]);
        if (command == "aggregate") return run_aggregate({args.begin() + 1, args.end()});
        if (command == "allocate") return run_allocate({args.begin() + 1, args.end()});
        std::fputs(kUsage, stderr);
        return kUnreadable;
    } catch (const Unreadable& e) {
        std::cerr << "samenleven: " << e.message << "\n";
        return kUnreadable;
    } catch (const std::exception& e) {
        std::cerr << "samenleven: " << e.what() << "\n";
        return kUnreadable;
    }
}
