{{/* The release's base name, at most 63 characters as Kubernetes names allow. */}}
{{- define "vakgenoten.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "vakgenoten.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: include with (list $ "web"). */}}
{{- define "vakgenoten.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "vakgenoten.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "vakgenoten.secretName" -}}
{{- .Values.existingSecret | default (printf "%s-env" (include "vakgenoten.fullname" .)) -}}
{{- end -}}

{{- define "vakgenoten.mediaClaim" -}}
{{- .Values.media.existingClaim | default (printf "%s-media" (include "vakgenoten.fullname" .)) -}}
{{- end -}}

{{/* Haven: no root, no privilege escalation, no capabilities, the runtime's seccomp profile. */}}
{{- define "vakgenoten.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "vakgenoten.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* The environment of every app container: ConfigMap plus Secret. */}}
{{- define "vakgenoten.envFrom" -}}
- configMapRef:
    name: {{ include "vakgenoten.fullname" . }}-env
- secretRef:
    name: {{ include "vakgenoten.secretName" . }}
{{- end -}}

{{- define "vakgenoten.appVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
- name: media
  persistentVolumeClaim:
    claimName: {{ include "vakgenoten.mediaClaim" . }}
{{- end -}}

{{- define "vakgenoten.appVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: media
  mountPath: /var/lib/vakgenoten/media
{{- end -}}

{{/* Pods that restart when the environment changes. */}}
{{- define "vakgenoten.podAnnotations" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if not .Values.existingSecret }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end -}}
