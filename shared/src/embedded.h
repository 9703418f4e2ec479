// Data files compiled into the core (see cmake/embed_files.cmake).
#pragma once
#include <string_view>
#include <vector>

namespace samenleven {

struct EmbeddedFile {
    std::string_view name;  // file name, e.g. "catalogue_2022.json"
    std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace samenleven
