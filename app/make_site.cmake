# Assembles the served folder (build/wasm/site) after each link of samenleven_app:
# web/ files, app.js, app.wasm and the font. The service worker's cache name carries a
# hash of everything it caches, so a new build replaces the old cache on the next visit.
foreach(var WEB_DIR SITE_DIR APP_DIR FONT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "make_site.cmake: ${var} not set")
  endif()
endforeach()
file(MAKE_DIRECTORY ${SITE_DIR})
set(files
  ${WEB_DIR}/index.html ${WEB_DIR}/boot.js ${WEB_DIR}/manifest.webmanifest ${WEB_DIR}/icon.svg
  ${APP_DIR}/app.js ${APP_DIR}/app.wasm ${FONT})
set(hash_input "")
foreach(f ${files})
  file(COPY ${f} DESTINATION ${SITE_DIR})
  file(SHA256 ${f} h)
  string(APPEND hash_input ${h})
endforeach()
string(SHA256 version "${hash_input}")
string(SUBSTRING ${version} 0 16 version)
file(READ ${WEB_DIR}/service-worker.js sw)
string(REPLACE "@BUILD_VERSION@" ${version} sw "${sw}")
file(WRITE ${SITE_DIR}/service-worker.js "${sw}")
