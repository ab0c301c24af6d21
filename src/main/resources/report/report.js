/* Filters rows by text, severity and forest; the URL's #q=...&severity=... sets them on load. */
(function(){
var q=document.getElementById('q'),sev=document.getElementById('severity'),
fo=document.getElementById('forest'),shown=document.getElementById('shown');
function apply(){var t=q.value.toLowerCase(),s=sev.value,f=fo.value,n=0,all=0;
document.querySelectorAll('tr.row').forEach(function(r){all++;
var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!s||r.dataset.severity===s)
&&(!f||r.dataset.forest===f);r.classList.toggle('hidden',!ok);if(ok)n++;});
shown.textContent=n+' of '+all+' rows shown';document.body.dataset.shown=n;}
var h=new URLSearchParams(location.hash.slice(1));
if(h.get('q'))q.value=h.get('q');if(h.get('severity'))sev.value=h.get('severity');
if(h.get('forest'))fo.value=h.get('forest');
[q,sev,fo].forEach(function(e){e.addEventListener('input',apply);});apply();
document.body.dataset.readyMs=Math.round(performance.now());
})();
