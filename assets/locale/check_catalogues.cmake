# Fails when a string the sources mark for translation (_(), N_(), C_()) is missing from a catalogue, or is
# there untranslated or fuzzy. Run by the qinba_locale target (see CMakeLists.txt here).
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${XGETTEXT} ${XGETTEXT_ARGS} --output=${WORK}/qinba.pot RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed: ${err}")
endif()
set(problems "")
foreach(lang IN LISTS LANGUAGES)
  # The catalogue merged with what the sources hold now: strings it lacks come out untranslated.
  execute_process(COMMAND ${MSGMERGE} --quiet --no-fuzzy-matching ${PO_DIR}/${lang}.po ${WORK}/qinba.pot
                          --output-file=${WORK}/${lang}.po RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "msgmerge failed on assets/locale/${lang}.po: ${err}")
  endif()
  foreach(kind untranslated only-fuzzy)
    execute_process(COMMAND ${MSGATTRIB} --${kind} --no-obsolete --no-wrap ${WORK}/${lang}.po
                    OUTPUT_VARIABLE missing)
    string(REGEX MATCHALL "\nmsgid \"[^\n]*" ids "\n${missing}")
    list(FILTER ids EXCLUDE REGEX "^\nmsgid \"\"$")
    foreach(id IN LISTS ids)
      string(REGEX REPLACE "^\nmsgid " "" id "${id}")
      string(REPLACE "only-fuzzy" "fuzzy" what "${kind}")
      string(APPEND problems "  ${lang}.po (${what}): ${id}\n")
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Strings marked for translation in the sources are missing from assets/locale "
                      "(or untranslated, or fuzzy):\n${problems}"
                      "Fix: `ninja -C <build> qinba_po_update` (xgettext into qinba.pot, msgmerge into the "
                      "catalogues, msgen for en.po), translate the new entries of assets/locale/zh_CN.po "
                      "(and remove their fuzzy marks), rebuild. See tests/README.md, \"Translations\".")
endif()
file(TOUCH ${STAMP})
