// samenleven: the command-line tool over the core.
//   samenleven validate FILE          findings of a plan
//   samenleven calc FILE              eligibility, budget, result status and findings
//   samenleven aggregate [--year Y] [--call C] FILE...   the agency's totals over many plans
// Prints JSON on stdout. Exit code: 0 all is well, 1 findings of severity error,
// 2 unreadable input or wrong usage (the message on stderr).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

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
