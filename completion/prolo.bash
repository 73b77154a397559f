# bash completion for prolo(1)                                -*- shell-script -*-
#
# Installed as share/bash-completion/completions/prolo, where the
# bash-completion package loads it on first use; or source it from ~/.bashrc.
# It uses bash-completion's _filedir when that is loaded, and plain compgen
# otherwise.

# _prolo_words WORDS: completes $cur from the words in WORDS.
_prolo_words()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

# _prolo_files dirs|yaml|any: completes $cur as a folder, a YAML file (or a
# folder on the way to one), or any file.
_prolo_files()
{
	compopt -o filenames 2>/dev/null
	if declare -F _filedir >/dev/null 2>&1; then
		case $1 in
		dirs)	_filedir -d ;;
		yaml)	_filedir '@(yaml|yml)' ;;
		book)	_filedir '@(csv|ics|ifb)' ;;
		*)	_filedir ;;
		esac
		return
	fi
	case $1 in
	dirs)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		;;
	yaml)
		mapfile -t COMPREPLY < <(compgen -f -X '!*.yaml' -- "$cur"
		    compgen -f -X '!*.yml' -- "$cur"
		    compgen -d -- "$cur")
		;;
	book)
		mapfile -t COMPREPLY < <(compgen -f -X '!*.csv' -- "$cur"
		    compgen -f -X '!*.ics' -- "$cur"
		    compgen -f -X '!*.ifb' -- "$cur"
		    compgen -d -- "$cur")
		;;
	*)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		;;
	esac
}

# _prolo_ids PROG [DIR]: the protocol ids that "PROG protocols" lists, the
# first column of each row after the header (the source lines under a row
# are indented).
_prolo_ids()
{
	local prog=$1 dir=$2

	if [[ -n $dir ]]; then
		"$prog" protocols --protocols "$dir" 2>/dev/null
	else
		"$prog" protocols 2>/dev/null
	fi | awk 'NR == 1 && $1 ~ /^ID/ { next } /^[a-z0-9]/ { print $1 }'
}

_prolo()
{
	local cur prev opt cmd word dir i dashdash
	local -a operands=()
	local commands='plan agenda prep check protocols'
	local formats='text csv json ics html'
	local agenda_formats='text csv html ics'
	local prep_formats='text json'

	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# Find the command, the operands so far and any --protocols folder.
	# bash splits "--format=csv" into "--format" "=" "csv".
	cmd='' dir='' dashdash=
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if [[ -n $dashdash ]]; then
			if [[ -z $cmd ]]; then
				cmd=$word dashdash=
			else
				operands+=("$word")
			fi
			continue
		fi
		case $word in
		--)
			dashdash=1
			;;
		-*)
			if [[ -n $cmd ]] && _prolo_takes_value "$cmd" "$word"; then
				if [[ ${COMP_WORDS[i + 1]} == = ]]; then
					((i += 1))
				fi
				if ((i + 1 < COMP_CWORD)); then
					((i += 1))
					[[ $word == --protocols ]] &&
					    dir=${COMP_WORDS[i]}
				fi
			fi
			;;
		*)
			if [[ -z $cmd ]]; then
				cmd=$word
			else
				operands+=("$word")
			fi
			;;
		esac
	done
	# Expand a leading ~ in the folder, as the shell would.
	if [[ $dir == \~* ]]; then
		dir=$HOME${dir#\~}
	fi

	if [[ -z $cmd ]]; then
		case $cur in
		-*)	_prolo_words '-h --help -V --version' ;;
		*)	_prolo_words "$commands" ;;
		esac
		return 0
	fi

	# The value of an option: "-f csv", "--format csv", "--format=csv".
	opt=
	if [[ -z $dashdash ]]; then
		if [[ $cur == = ]] && _prolo_takes_value "$cmd" "$prev"; then
			opt=$prev cur=
		elif [[ $prev == = ]] && ((COMP_CWORD >= 2)) &&
		    _prolo_takes_value "$cmd" "${COMP_WORDS[COMP_CWORD - 2]}"; then
			opt=${COMP_WORDS[COMP_CWORD - 2]}
		elif _prolo_takes_value "$cmd" "$prev" &&
		    [[ $prev == -* ]]; then
			opt=$prev
		fi
	fi
	case $opt in
	-f|--format)
		if [[ $cmd == agenda ]]; then
			_prolo_words "$agenda_formats"
		elif [[ $cmd == prep ]]; then
			_prolo_words "$prep_formats"
		else
			_prolo_words "$formats"
		fi
		return 0
		;;
	--book)
		_prolo_files any
		return 0
		;;
	--from|--to|--date)
		# A date: nothing to offer but today, the usual start.
		_prolo_words "$(date +%Y-%m-%d)"
		return 0
		;;
	-o|--output|--files-from|--files0-from)
		_prolo_files any
		return 0
		;;
	--clinic)
		_prolo_files yaml
		return 0
		;;
	--book)
		_prolo_files book
		return 0
		;;
	--lang)
		_prolo_words 'en es'
		return 0
		;;
	--protocols)
		_prolo_files dirs
		return 0
		;;
	esac

	if [[ -z $dashdash && $cur == -* ]]; then
		case $cmd in
		plan)
			if [[ $cur == -f?* && $cur != --* ]]; then
				# A format glued to -f: "-fcsv".
				mapfile -t COMPREPLY < <(compgen -P -f \
				    -W "$formats" -- "${cur#-f}")
				return 0
			fi
			_prolo_words '-f --format -o --output --protocols
			    --clinic --book --lang --csv-raw --files-from
			    --files0-from -h --help'
			;;
		agenda)
			if [[ $cur == -f?* && $cur != --* ]]; then
				mapfile -t COMPREPLY < <(compgen -P -f \
				    -W "$agenda_formats" -- "${cur#-f}")
				return 0
			fi
			_prolo_words '-f --format -o --output --from --to --book
			    --clinic --protocols --files-from --files0-from -h
			    --help'
			;;
		prep)
			if [[ $cur == -f?* && $cur != --* ]]; then
				mapfile -t COMPREPLY < <(compgen -P -f \
				    -W "$prep_formats" -- "${cur#-f}")
				return 0
			fi
			_prolo_words '-f --format -o --output --date --book
			    --clinic --protocols --files-from --files0-from -h
			    --help'
			;;
		check)
			_prolo_words '--clinic --protocols --files-from
			    --files0-from -h --help'
			;;
		protocols)
			_prolo_words '--protocols -h --help'
			;;
		esac
		return 0
	fi

	case $cmd in
	plan|agenda|prep|check)
		_prolo_files yaml
		;;
	protocols)
		if ((${#operands[@]} == 0)); then
			_prolo_words show
		elif [[ ${operands[0]} == show ]] && ((${#operands[@]} == 1)); then
			_prolo_words "$(_prolo_ids "${COMP_WORDS[0]}" "$dir")"
		fi
		;;
	esac
	return 0
}

# _prolo_takes_value CMD OPTION: whether OPTION of CMD takes a value.
_prolo_takes_value()
{
	case $1 in
	plan)
		case $2 in
		-f|--format|-o|--output|--protocols|--clinic|--book|--lang|\
		--files-from|--files0-from)
			return 0 ;;
		esac
		;;
	agenda)
		case $2 in
		-f|--format|-o|--output|--from|--to|--book|--clinic|--protocols|\
		--files-from|--files0-from)
			return 0 ;;
		esac
		;;
	prep)
		case $2 in
		-f|--format|-o|--output|--date|--book|--clinic|--protocols|\
		--files-from|--files0-from)
			return 0 ;;
		esac
		;;
	check)
		case $2 in
		--clinic|--protocols|--files-from|--files0-from) return 0 ;;
		esac
		;;
	protocols)
		[[ $2 == --protocols ]] && return 0
		;;
	esac
	return 1
}

complete -F _prolo prolo
