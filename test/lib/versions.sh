# test/lib/versions.sh: the versions of ror in this tree (sourced by the shell checks
# run from the top of the checkout): newest = ror.control's default_version;
# older = the other released versions (sql/released/ror--X.sql), oldest first.
newest=$(sed -n "s/^default_version = '\(.*\)'/\1/p" ror.control)
older=$(ls sql/released/ 2>/dev/null | sed -nE 's/^ror--([0-9][0-9.]*)\.sql$/\1/p' | grep -vxF "$newest" | sort -V || true)
