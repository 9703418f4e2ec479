# `samenleven_server seed-demo` on a fresh data folder: the demo governments with their tokens
# and the Dendermonde draft, then the first project year in Flanders (106 plans taken through
# the cycle by the API's routes; the seed checks each stored plan against the generator); a
# second run finds both there and changes nothing.
#   cmake -DSERVER=... -DDATA=folder -DPLAN=dendermonde_igs.json -P seed_demo.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${DATA}")
function(seed)
  execute_process(COMMAND ${SERVER} seed-demo --data ${DATA} --plan ${PLAN}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code STREQUAL "0")
    message(FATAL_ERROR "seed-demo exit code ${code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

seed()
foreach(pattern "abb\tAgentschap Binnenlands Bestuur\t[0-9a-f]+\n" "42006\tDendermonde\t" "44021\tGent\t"
                "first project year in Flanders: 106 plans stored and reported")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "first seed: stdout does not match '${pattern}':\n${out}")
  endif()
endforeach()
file(STRINGS "${DATA}/demo-tokens.txt" lines)
list(LENGTH lines count)
if(NOT count EQUAL 9)  # a header and 8 governments, not one line per applicant
  message(FATAL_ERROR "demo-tokens.txt has ${count} lines:\n${lines}")
endif()

seed()
foreach(pattern "demo governments already present" "first project year in Flanders: already present")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "second seed: stdout does not match '${pattern}':\n${out}")
  endif()
endforeach()
file(REMOVE_RECURSE "${DATA}")
