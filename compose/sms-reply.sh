#!/usr/bin/env bash
# Reply to the clinic's SMS as a patient would, in the docker-compose stack: the WireMock SMS provider fake cannot
# send inbound messages, so this posts Twilio's inbound message webhook to notification-service itself, with
# Twilio's form fields and its X-Twilio-Signature (Base64 HMAC-SHA1, keyed with the auth token, of the signed URL
# followed by every POST parameter sorted by name, each name followed by its value).
#
#   compose/sms-reply.sh <from> <body> [url]
#     from  the patient's phone number in E.164, e.g. +14035550142
#     body  the text, e.g. C (confirm), X (cancel), STOP, START
#     url   where to POST it (default http://localhost:8083/api/sms/inbound, notification-service from the host)
#
# Environment (defaults = docker-compose.yml's notification-service):
#   TWILIO_AUTH_TOKEN    the auth token that signs (notifications.sms.auth-token; default demo-token)
#   TWILIO_INBOUND_URL   the URL notification-service is configured to be called at, which the signature covers
#                        (NOTIFICATIONS_SMS_INBOUND_URL; default http://notification-service:8083/api/sms/inbound)
#   TWILIO_ACCOUNT_SID   AccountSid field (default AC00000000000000000000000000000000)
#   TWILIO_TO            To field, the clinic's sender number (notifications.sms.from; default +15875550100)
#
# Prints notification-service's answer (TwiML, or a problem on 4xx); exits 0 only on HTTP 200.
# Needs bash, openssl (HMAC-SHA1, Base64, random ids) and curl.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 <from> <body> [url]" >&2
  exit 2
fi
for tool in openssl curl; do
  command -v "$tool" > /dev/null || { echo "$0: $tool is required" >&2; exit 2; }
done

from=$1
body=$2
post_url=${3:-http://localhost:8083/api/sms/inbound}
auth_token=${TWILIO_AUTH_TOKEN:-demo-token}
signed_url=${TWILIO_INBOUND_URL:-http://notification-service:8083/api/sms/inbound}
account_sid=${TWILIO_ACCOUNT_SID:-AC00000000000000000000000000000000}
to=${TWILIO_TO:-+15875550100}
sid="SM$(openssl rand -hex 16)"

# Twilio's inbound fields, already in the signature's order (sorted by name, byte order)
names=(AccountSid ApiVersion Body From MessageSid NumMedia SmsMessageSid SmsSid SmsStatus To)
values=("$account_sid" 2010-04-01 "$body" "$from" "$sid" 0 "$sid" "$sid" received "$to")

signed=$signed_url
form=()
for i in "${!names[@]}"; do
  signed+="${names[$i]}${values[$i]}"
  form+=(--data-urlencode "${names[$i]}=${values[$i]}")
done
signature=$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$auth_token" -binary | openssl base64 -A)

answer=$(curl -sS -w '\n%{http_code}' -H "X-Twilio-Signature: $signature" "${form[@]}" "$post_url")
status=${answer##*$'\n'}
printf '%s\n' "${answer%$'\n'*}"
if [[ $status != 200 ]]; then
  echo "$0: notification-service answered HTTP $status" >&2
  exit 1
fi
