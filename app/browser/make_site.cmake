# Assembles the served folder (build/wasm/site) after each link of samenleven_app, as a
# production web server wants it (server/src/static_files.h):
#   - the app's files under names that carry a hash of their content (app.HASH.js,
#     app.HASH.wasm, DejaVuSans.HASH.ttf, icon.HASH.svg, boot.HASH.js), cached as immutable;
#   - the page, the manifest and the service worker under their fixed names, with the hashed
#     names written into them (and into boot.js, which tells app.js where app.wasm is): the
#     placeholders @APP_JS@, @APP_WASM@, @FONT@, @ICON@, @BOOT_JS@ in web/;
#   - every file compressed beside it (NAME.br by brotli -q 11, NAME.gz by zopfli) when that is
#     smaller; compressed again only when the file changed;
#   - the service worker's cache name carries a hash of the whole site (@BUILD_VERSION@), so a
#     new build replaces the old cache on the next visit;
#   - files of an earlier build are removed.
cmake_minimum_required(VERSION 3.25)  # policies of today: "@FONT@" is text, not a variable
foreach(var WEB_DIR SITE_DIR APP_DIR FONT BROTLI ZOPFLI)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "make_site.cmake: ${var} not set")
  endif()
endforeach()
file(MAKE_DIRECTORY ${SITE_DIR})
set(site_files "")
set(placeholders "")

# Writes `content` to SITE_DIR/name unless the file already holds exactly that (its time
# stamp then stays, and so do its compressed variants).
function(site_write name content)
  set(out ${SITE_DIR}/${name})
  if(EXISTS ${out})
    file(READ ${out} old)
    if(old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE ${out} "${content}")
endfunction()

# `name` with the first 16 hex digits of `hash` before its extension: app.js -> app.0123....js
function(hashed_name name hash out_var)
  string(SUBSTRING ${hash} 0 16 short)
  string(REGEX REPLACE "^(.*)\\.([^.]+)$" "\\1.${short}.\\2" hashed ${name})
  set(${out_var} ${hashed} PARENT_SCOPE)
endfunction()

# A built file copied under its hashed name; `placeholder` will stand for that name.
macro(add_hashed_copy source name placeholder)
  file(SHA256 ${source} h)
  hashed_name(${name} ${h} hashed)
  if(NOT EXISTS ${SITE_DIR}/${hashed})
    file(COPY_FILE ${source} ${SITE_DIR}/${hashed})
  endif()
  list(APPEND site_files ${hashed})
  list(APPEND placeholders "${placeholder}=${hashed}")
endmacro()

# A web/ text file with every placeholder known so far replaced by its name.
macro(read_template name out_var)
  file(READ ${WEB_DIR}/${name} ${out_var})
  foreach(pair ${placeholders})
    string(REGEX MATCH "^([^=]+)=(.*)$" _ ${pair})
    string(REPLACE "${CMAKE_MATCH_1}" "${CMAKE_MATCH_2}" ${out_var} "${${out_var}}")
  endforeach()
endmacro()

add_hashed_copy(${APP_DIR}/app.js app.js @APP_JS@)
add_hashed_copy(${APP_DIR}/app.wasm app.wasm @APP_WASM@)
add_hashed_copy(${FONT} DejaVuSans.ttf @FONT@)
add_hashed_copy(${WEB_DIR}/icon.svg icon.svg @ICON@)

read_template(boot.js boot)
string(SHA256 h "${boot}")
hashed_name(boot.js ${h} boot_name)
site_write(${boot_name} "${boot}")
list(APPEND site_files ${boot_name})
list(APPEND placeholders "@BOOT_JS@=${boot_name}")

set(version_input "")
foreach(page index.html manifest.webmanifest)
  read_template(${page} text)
  site_write(${page} "${text}")
  list(APPEND site_files ${page})
  string(APPEND version_input "${text}")
endforeach()
string(SHA256 version "${version_input}")  # the page names every hashed file
string(SUBSTRING ${version} 0 16 version)
list(APPEND placeholders "@BUILD_VERSION@=${version}")
read_template(service-worker.js sw)
site_write(service-worker.js "${sw}")
list(APPEND site_files service-worker.js)

# Compressed variants, made again when the file is newer; kept only when smaller.
set(keep "")
foreach(f ${site_files})
  set(path ${SITE_DIR}/${f})
  list(APPEND keep ${path})
  file(SIZE ${path} size)
  if(NOT EXISTS ${path}.br OR ${path} IS_NEWER_THAN ${path}.br)
    execute_process(COMMAND ${BROTLI} --force --no-copy-stat --quality=11 --output=${path}.br ${path} COMMAND_ERROR_IS_FATAL ANY)
    file(CHMOD ${path}.br PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)  # brotli makes it 0600
  endif()
  if(NOT EXISTS ${path}.gz OR ${path} IS_NEWER_THAN ${path}.gz)
    execute_process(COMMAND ${ZOPFLI} --gzip -c ${path} OUTPUT_FILE ${path}.gz COMMAND_ERROR_IS_FATAL ANY)
  endif()
  foreach(variant br gz)
    file(SIZE ${path}.${variant} variant_size)
    if(variant_size LESS size)
      list(APPEND keep ${path}.${variant})
    endif()
  endforeach()
endforeach()

# Whatever else is in the folder is an earlier build's (or a variant not worth sending).
file(GLOB present ${SITE_DIR}/*)
foreach(f ${present})
  list(FIND keep ${f} i)
  if(i LESS 0)
    file(REMOVE_RECURSE ${f})
  endif()
endforeach()
